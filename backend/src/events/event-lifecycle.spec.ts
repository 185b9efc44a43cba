import { EventStatus } from '@focus-racer/api-types';
import { statusChangeRefusal, StatusChangeFacts } from './event-lifecycle';

const complete: StatusChangeFacts = { name: 'Ekiden de Lyon', date: '2026-09-20', location: 'Lyon', hasSales: false };
const { DRAFT, PUBLISHED, ARCHIVED } = EventStatus;

describe('statusChangeRefusal', () => {
  it('allows draft → published → archived → published, and a draft archived', () => {
    expect(statusChangeRefusal(DRAFT, PUBLISHED, complete)).toBeNull();
    expect(statusChangeRefusal(PUBLISHED, ARCHIVED, complete)).toBeNull();
    expect(statusChangeRefusal(ARCHIVED, PUBLISHED, complete)).toBeNull();
    expect(statusChangeRefusal(DRAFT, ARCHIVED, complete)).toBeNull();
    expect(statusChangeRefusal(PUBLISHED, PUBLISHED, complete)).toBeNull();
  });

  it('refuses archived → draft', () => {
    expect(statusChangeRefusal(ARCHIVED, DRAFT, complete)).toBe('An archived event cannot go back to draft: publish it again, or leave it archived.');
  });

  it('lets a published event go back to draft only while nothing was sold', () => {
    expect(statusChangeRefusal(PUBLISHED, DRAFT, complete)).toBeNull();
    expect(statusChangeRefusal(PUBLISHED, DRAFT, { ...complete, hasSales: true })).toMatch(/were sold, so it cannot go back to draft.*archive it instead/);
  });

  it('names what a published event lacks', () => {
    expect(statusChangeRefusal(DRAFT, PUBLISHED, { ...complete, name: ' ', location: '' })).toBe('Add a name and a location before publishing the event.');
    expect(statusChangeRefusal(ARCHIVED, PUBLISHED, { ...complete, date: null })).toBe('Add a date before publishing the event.');
  });
});
