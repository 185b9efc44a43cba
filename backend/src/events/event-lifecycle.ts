import { canChangeEventStatus, EventStatus } from '@focus-racer/api-types';

/** What a status change depends on besides the two statuses. */
export interface StatusChangeFacts {
  name: string;
  date: string | null;
  location: string;
  /** Paid (or since refunded or disputed) orders on the event: someone bought from its public page. */
  hasSales: boolean;
}

/**
 * Why the event may not go from `from` to `to` (EVENT_STATUS_TRANSITIONS of api-types), in words for the
 * organizer, or null when it may. Back to draft takes the public page offline as if it never existed, which is
 * only honest while nobody bought from it: a buyer's order page and download links point at the event. An event
 * with sales is archived instead (page gone, orders kept).
 */
export function statusChangeRefusal(from: EventStatus, to: EventStatus, facts: StatusChangeFacts): string | null {
  if (from === to) return null;
  if (!canChangeEventStatus(from, to)) {
    if (from === EventStatus.ARCHIVED && to === EventStatus.DRAFT) {
      return 'An archived event cannot go back to draft: publish it again, or leave it archived.';
    }
    return `An event cannot go from ${from} to ${to}.`;
  }
  if (to === EventStatus.PUBLISHED) {
    const missing = [
      !facts.name.trim() && 'a name',
      !facts.date && 'a date',
      !facts.location.trim() && 'a location',
    ].filter((item): item is string => typeof item === 'string');
    if (missing.length > 0) return `Add ${inWords(missing)} before publishing the event.`;
  }
  if (to === EventStatus.DRAFT && facts.hasSales) {
    return 'Photos of this event were sold, so it cannot go back to draft (buyers’ orders point to it): archive it instead.';
  }
  return null;
}

function inWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
