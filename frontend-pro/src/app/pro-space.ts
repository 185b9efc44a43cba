import { isOrganizerRole, Role } from '@focus-racer/api-types';
import { NavItem } from '@focus-racer/ui';

/**
 * Photographers and organizers share the pro app but not its vocabulary: a photographer shoots and sells, an
 * organizer (organizer, agency, club, federation) runs races and works with photographers. This file decides
 * which navigation and which words each sees, so no page hard-codes one audience.
 */
export type ProSpace = 'photographer' | 'organizer';

export function proSpaceOf(role: Role): ProSpace {
  return isOrganizerRole(role) ? 'organizer' : 'photographer';
}

/** Whoever owns events sells their photos and pays for processing: every pro gets these two pages. */
const SELLING_NAV: readonly NavItem[] = [
  { slug: 'payments', label: 'Payments & sales', icon: 'payments', link: '/payments' },
  { slug: 'credits', label: 'Credits', icon: 'toll', link: '/credits' },
];

const PHOTOGRAPHER_NAV: readonly NavItem[] = [
  { slug: 'events', label: 'My events', icon: 'photo_camera', link: '/events' },
  { slug: 'upload', label: 'Upload', icon: 'cloud_upload', link: '/upload' },
  { slug: 'stats', label: 'Statistics', icon: 'monitoring', link: '/stats' },
  ...SELLING_NAV,
];

const ORGANIZER_NAV: readonly NavItem[] = [
  { slug: 'events', label: 'Races I organize', icon: 'flag', link: '/events' },
  { slug: 'photographers', label: 'Photographers', icon: 'groups', link: '/photographers' },
  { slug: 'start-lists', label: 'Start lists', icon: 'format_list_numbered', link: '/start-lists' },
  { slug: 'statistics', label: 'Event statistics', icon: 'monitoring', link: '/stats' },
  ...SELLING_NAV,
];

export function proNavigation(role: Role): readonly NavItem[] {
  return proSpaceOf(role) === 'organizer' ? ORGANIZER_NAV : PHOTOGRAPHER_NAV;
}

export interface EventsWording {
  title: string;
  subtitle: string;
  newEvent: string;
  emptyTitle: string;
  emptyText: string;
}

export function eventsWording(role: Role): EventsWording {
  if (proSpaceOf(role) === 'organizer') {
    return {
      title: 'Races I organize',
      subtitle: 'Your races, their photographers and the photos runners can buy.',
      newEvent: 'New race',
      emptyTitle: 'No race yet',
      emptyText:
        'Create your first race: give it a name, a date and a place. You can then invite photographers and publish it for runners.',
    };
  }
  return {
    title: 'My events',
    subtitle: 'The races you photograph and the photos you sell from them.',
    newEvent: 'New event',
    emptyTitle: 'No event yet',
    emptyText:
      'Create an event for the race you are shooting: name, date, place. Then upload your photos; runners find them by bib number.',
  };
}
