import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PASSWORD_PATTERN, PASSWORD_RULE_MESSAGE, Role } from '@focus-racer/api-types';
import { parseArgs } from 'node:util';
import { PasswordHasher } from '../auth/password-hasher';
import { exitOnInvalidConfiguration } from '../config/configuration';
import { CoreModule } from '../core.module';
import { UsersModule } from '../users/users.module';
import { UsersService } from '../users/users.service';

/**
 * `npm run admin:create -- --email a@b.c --password 'Secret-2026' --name "Ada"`
 * Creates an ADMIN, or promotes an existing account to ADMIN (and sets its password when --password is given).
 * The only way, besides the demo seed, to get an administrator: registration refuses the role.
 */
@Module({ imports: [CoreModule.forRoot({ LOG_LEVEL: 'warn' }), UsersModule], providers: [PasswordHasher] })
class CreateAdminModule {}

const USAGE = 'Usage: npm run admin:create -- --email <email> [--password <password>] [--name "<display name>"]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) return fail(`--email is required. ${USAGE}`);
  if (values.password !== undefined && !PASSWORD_PATTERN.test(values.password)) return fail(PASSWORD_RULE_MESSAGE);

  exitOnInvalidConfiguration();
  const app = await NestFactory.createApplicationContext(CreateAdminModule, { logger: ['error', 'warn'] });
  try {
    const users = app.get(UsersService);
    const passwords = app.get(PasswordHasher);
    const existing = await users.findByEmail(email);
    if (existing) {
      await users.setRole(existing.id, Role.ADMIN);
      if (values.password) await users.setPasswordHash(existing.id, await passwords.hash(values.password));
      console.log(`${email} is now an ADMIN${values.password ? ' (password changed)' : ''}.`);
      return 0;
    }
    if (!values.password) return fail(`No account for ${email}: --password is required to create one. ${USAGE}`);
    await users.create({
      email,
      role: Role.ADMIN,
      displayName: values.name?.trim() || email.split('@')[0],
      passwordHash: await passwords.hash(values.password),
    });
    console.log(`Created ADMIN ${email}.`);
    return 0;
  } finally {
    await app.close();
  }
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('admin:create failed:', error);
    process.exit(1);
  },
);
