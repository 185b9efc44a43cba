import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Page, Role, UserDto } from '@focus-racer/api-types';
import { Brackets, QueryFailedError, Repository } from 'typeorm';
import { ListUsersQuery } from './dto/list-users.query';
import { User } from './entities/user.entity';
import { toUserDto } from './user-dto.mapper';

export const DUPLICATE_EMAIL_MESSAGE = 'An account with this email already exists';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
  role: Role;
}

/** Owns user accounts: lookup, creation, password and role changes, the admin list. */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normaliseEmail(email) });
  }

  async create(input: NewUser): Promise<User> {
    const email = normaliseEmail(input.email);
    if (await this.users.existsBy({ email })) throw new ConflictException(DUPLICATE_EMAIL_MESSAGE);
    try {
      return await this.users.save(this.users.create({ ...input, email }));
    } catch (error) {
      // Two registrations racing for one address: the unique index decides.
      if (isUniqueViolation(error)) throw new ConflictException(DUPLICATE_EMAIL_MESSAGE);
      throw error;
    }
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.users.update({ id: userId }, { passwordHash });
  }

  async setRole(userId: string, role: Role): Promise<void> {
    await this.users.update({ id: userId }, { role });
  }

  async list(query: ListUsersQuery): Promise<Page<UserDto>> {
    const builder = this.users.createQueryBuilder('user').orderBy('user.createdAt', 'DESC').addOrderBy('user.id');
    if (query.role) builder.andWhere('user.role = :role', { role: query.role });
    const q = query.q?.trim();
    if (q) {
      const pattern = `%${escapeLike(q)}%`;
      builder.andWhere(
        new Brackets((where) =>
          where.where('user.email ILIKE :pattern', { pattern }).orWhere('user.displayName ILIKE :pattern', { pattern }),
        ),
      );
    }
    const [users, total] = await builder.skip(query.skip).take(query.pageSize).getManyAndCount();
    return { items: users.map(toUserDto), total, page: query.page, pageSize: query.pageSize };
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
