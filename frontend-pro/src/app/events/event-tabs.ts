import { EventAccess } from '@focus-racer/api-types';
import { ProSpace } from '../pro-space';

export type EventTabId = 'overview' | 'details' | 'branding' | 'photographers' | 'start-list' | 'stats';

export interface EventTab {
  id: EventTabId;
  label: string;
  icon: string;
  /** Relative to /events/:id ('' for the overview). */
  path: string;
}

const TAB: Record<EventTabId, EventTab> = {
  overview: { id: 'overview', label: 'Overview', icon: 'dashboard', path: '' },
  details: { id: 'details', label: 'Details & cover', icon: 'edit_calendar', path: 'details' },
  branding: { id: 'branding', label: 'Watermark', icon: 'branding_watermark', path: 'branding' },
  photographers: { id: 'photographers', label: 'Photographers', icon: 'groups', path: 'photographers' },
  'start-list': { id: 'start-list', label: 'Start list', icon: 'format_list_numbered', path: 'start-list' },
  stats: { id: 'stats', label: 'Statistics', icon: 'monitoring', path: 'stats' },
};

/**
 * The tabs of an event page. The owner edits, brands and publishes; an organizer also brings photographers onto
 * the race; a photographer invited to someone else's race sees the race, its start list and their own figures.
 */
export function eventTabs(space: ProSpace, access: EventAccess): EventTab[] {
  if (access !== 'owner') {
    return [TAB.overview, TAB['start-list'], TAB.stats];
  }
  if (space === 'organizer') {
    return [TAB.overview, TAB.details, TAB.photographers, TAB['start-list'], TAB.branding, TAB.stats];
  }
  return [TAB.overview, TAB.details, TAB.branding, TAB['start-list'], TAB.stats];
}
