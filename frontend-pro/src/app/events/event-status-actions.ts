import { EVENT_STATUS_TRANSITIONS, EventStatus } from '@focus-racer/api-types';
import { ConfirmDialogData } from './confirm-dialog';

/** A status change the owner may make now, with the words for its button and, when it hides something, a question. */
export interface StatusAction {
  to: EventStatus;
  label: string;
  icon: string;
  primary: boolean;
  confirm: ConfirmDialogData | null;
}

/** What the status means for runners, in one sentence. */
export const STATUS_MEANING: Record<EventStatus, string> = {
  [EventStatus.DRAFT]: 'Runners cannot see this event yet. Publish it when its photos are ready to sell.',
  [EventStatus.PUBLISHED]: 'Live: runners find and buy their photos on the public page.',
  [EventStatus.ARCHIVED]: 'The public page is offline and sales are stopped. Photos, start list and figures are kept.',
};

/** The buttons for the transitions EVENT_STATUS_TRANSITIONS allows from `from`, the main one first. */
export function statusActions(from: EventStatus, name: string): StatusAction[] {
  return EVENT_STATUS_TRANSITIONS[from].map((to) => actionTo(from, to, name)).sort((a, b) => Number(b.primary) - Number(a.primary));
}

function actionTo(from: EventStatus, to: EventStatus, name: string): StatusAction {
  switch (to) {
    case EventStatus.PUBLISHED:
      return { to, label: from === EventStatus.ARCHIVED ? 'Publish again' : 'Publish', icon: 'public', primary: true, confirm: null };
    case EventStatus.ARCHIVED:
      return {
        to,
        label: 'Archive',
        icon: 'inventory_2',
        primary: false,
        confirm: {
          title: `Archive "${name}"?`,
          message:
            from === EventStatus.PUBLISHED
              ? 'The public page goes offline and runners can no longer buy its photos. Photos, start list and figures are kept, and you can publish it again later.'
              : 'The event is put away without being published. You can publish it later.',
          confirm: 'Archive',
        },
      };
    case EventStatus.DRAFT:
      return {
        to,
        label: 'Back to draft',
        icon: 'edit_note',
        primary: false,
        confirm: {
          title: `Take "${name}" offline?`,
          message: 'The public page goes offline until you publish again. This is only possible while no photo has been sold.',
          confirm: 'Back to draft',
        },
      };
  }
}
