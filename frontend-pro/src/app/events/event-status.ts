import { EventStatus } from '@focus-racer/api-types';

export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  [EventStatus.DRAFT]: 'Draft',
  [EventStatus.PUBLISHED]: 'Published',
  [EventStatus.ARCHIVED]: 'Archived',
};
