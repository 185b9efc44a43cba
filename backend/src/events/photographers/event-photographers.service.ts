import { ConflictException, Inject, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EVENT_INVITATION_TTL_DAYS, EventPhotographerDto, Role, ROLE_LABELS } from '@focus-racer/api-types';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull, MoreThan, QueryFailedError, Repository } from 'typeorm';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { AppConfig } from '../../config/app.config';
import { MAIL_SENDER, MailSender } from '../../mail/mail-sender';
import { User } from '../../users/entities/user.entity';
import { EventPhotographer } from '../entities/event-photographer.entity';
import { RaceEvent } from '../entities/event.entity';
import { EventsService } from '../events.service';
import { addedToEventEmail, eventInvitationEmail } from './invitation-emails';

export const PHOTOGRAPHER_ENTRY_NOT_FOUND_MESSAGE = 'This photographer is not on the event';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The photographers working on an event (organizer space): the owner adds a photographer's account at once, or
 * invites an address to register; registering with the invitation (or, as a photographer, with the invited
 * address) joins the event. Only the owner (or an ADMIN) manages the list; a photographer on it may upload
 * (EventsService.findForContributor).
 */
@Injectable()
export class EventPhotographersService {
  private readonly logger = new Logger(EventPhotographersService.name);

  constructor(
    @InjectRepository(EventPhotographer) private readonly entries: Repository<EventPhotographer>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly events: EventsService,
    private readonly dataSource: DataSource,
    private readonly app: AppConfig,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
  ) {}

  async list(owner: AuthUser, eventId: string): Promise<EventPhotographerDto[]> {
    const event = await this.events.findOwned(owner, eventId);
    const entries = await this.entries.find({ where: { eventId: event.id }, relations: { photographer: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    return entries.map(toDto);
  }

  async invite(owner: AuthUser, eventId: string, rawEmail: string): Promise<EventPhotographerDto> {
    const event = await this.events.findOwned(owner, eventId);
    const email = rawEmail.trim().toLowerCase();
    const account = await this.users.findOneBy({ email });
    return account ? this.addAccount(event, account) : this.inviteAddress(event, email);
  }

  async remove(owner: AuthUser, eventId: string, entryId: string): Promise<void> {
    const event = await this.events.findOwned(owner, eventId);
    // The photos they uploaded stay: they belong to the event, and some may be sold already.
    const result = await this.entries.delete({ id: entryId, eventId: event.id });
    if (!result.affected) throw new NotFoundException(PHOTOGRAPHER_ENTRY_NOT_FOUND_MESSAGE);
  }

  /**
   * Joins `user` (a photographer who just registered) to the events whose pending, unexpired invitation carries
   * `token`, or was sent to their address. Returns how many entries were joined. Never throws for a bad token:
   * registration must not fail because of an old invitation link.
   */
  async claimInvitations(user: Pick<User, 'id' | 'email' | 'role'>, token?: string): Promise<number> {
    if (user.role !== Role.PHOTOGRAPHER) return 0;
    const live = { photographerId: IsNull(), inviteExpiresAt: MoreThan(new Date()) };
    const pending = await this.entries.find({
      where: [{ ...live, invitedEmail: user.email }, ...(token ? [{ ...live, inviteTokenHash: hashToken(token) }] : [])],
    });
    let joined = 0;
    for (const entry of pending) {
      await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(EventPhotographer);
        if (await repository.existsBy({ eventId: entry.eventId, photographerId: user.id })) {
          // Already on the event through another invitation or the owner: the extra one has nothing left to do.
          await repository.delete({ id: entry.id, photographerId: IsNull() });
          return;
        }
        const result = await repository.update(
          { id: entry.id, photographerId: IsNull() },
          { photographerId: user.id, inviteTokenHash: null, inviteExpiresAt: null },
        );
        joined += result.affected ?? 0;
      });
    }
    return joined;
  }

  private async addAccount(event: RaceEvent, account: User): Promise<EventPhotographerDto> {
    if (account.id === event.ownerId) throw new ConflictException('This is the event owner’s own account: the owner can already upload.');
    if (account.role !== Role.PHOTOGRAPHER) {
      throw new ConflictException(
        `${account.email} is the address of a ${ROLE_LABELS[account.role].toLowerCase()} account, not a photographer’s: only photographers can be added to an event.`,
      );
    }
    if (await this.entries.existsBy({ eventId: event.id, photographerId: account.id })) throw alreadyOnEvent(account.email);
    const entry = await this.insert(
      { eventId: event.id, photographerId: account.id, invitedEmail: account.email, inviteTokenHash: null, inviteExpiresAt: null },
      account.email,
    );
    // An invitation sent to this address before the account existed has nothing left to do.
    await this.entries.delete({ eventId: event.id, invitedEmail: account.email, photographerId: IsNull() });
    try {
      await this.mail.send(
        addedToEventEmail({
          to: account.email,
          photographerName: account.displayName,
          organizerName: await this.organizerName(event),
          eventName: event.name,
          eventDate: event.date,
          link: `${this.app.proWebUrl}/events`,
        }),
      );
    } catch (error) {
      // They are on the event either way and see it in their list: a lost notice is not worth undoing that.
      this.logger.warn(`Event ${event.id}: photographer ${account.id} added, but the notice email failed: ${String(error)}`);
    }
    return toDto({ ...entry, photographer: account });
  }

  private async inviteAddress(event: RaceEvent, email: string): Promise<EventPhotographerDto> {
    const token = randomBytes(32).toString('base64url');
    const entry = await this.insert(
      {
        eventId: event.id,
        photographerId: null,
        invitedEmail: email,
        inviteTokenHash: hashToken(token),
        inviteExpiresAt: new Date(Date.now() + EVENT_INVITATION_TTL_DAYS * DAY_MS),
      },
      email,
    );
    const link = `${this.app.proWebUrl}/register?invite=${encodeURIComponent(token)}&email=${encodeURIComponent(email)}`;
    try {
      await this.mail.send(
        eventInvitationEmail({ to: email, organizerName: await this.organizerName(event), eventName: event.name, eventDate: event.date, link }),
      );
    } catch (error) {
      // An invitation nobody received would sit in the list as sent: take it back and say so.
      await this.entries.delete({ id: entry.id });
      this.logger.error(`Event ${event.id}: invitation email failed: ${String(error)}`);
      throw new ServiceUnavailableException('The invitation email could not be sent; nothing was saved. Try again in a moment.');
    }
    return toDto(entry);
  }

  private async insert(values: Omit<EventPhotographer, 'id' | 'createdAt' | 'event' | 'photographer'>, email: string): Promise<EventPhotographer> {
    if (values.photographerId === null && (await this.entries.existsBy({ eventId: values.eventId, invitedEmail: email, photographerId: IsNull() }))) {
      throw new ConflictException(`An invitation was already sent to ${email} for this event.`);
    }
    try {
      return await this.entries.save(this.entries.create(values));
    } catch (error) {
      // The same address added twice at once: the unique indexes keep one.
      if (isUniqueViolation(error)) throw values.photographerId ? alreadyOnEvent(email) : new ConflictException(`An invitation was already sent to ${email} for this event.`);
      throw error;
    }
  }

  private async organizerName(event: RaceEvent): Promise<string> {
    return (await this.users.findOneBy({ id: event.ownerId }))?.displayName ?? 'An organizer';
  }
}

/** Invitation tokens are 32 random bytes: a plain SHA-256 is enough to keep a database dump from using them. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function alreadyOnEvent(email: string): ConflictException {
  return new ConflictException(`${email} already works on this event.`);
}

function toDto(entry: EventPhotographer): EventPhotographerDto {
  const photographer = entry.photographer ?? null;
  return {
    id: entry.id,
    photographerId: entry.photographerId,
    name: photographer?.displayName ?? null,
    email: entry.invitedEmail ?? photographer?.email ?? '',
    status: entry.photographerId ? 'active' : 'invited',
    invitedAt: new Date(entry.createdAt).toISOString(),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
