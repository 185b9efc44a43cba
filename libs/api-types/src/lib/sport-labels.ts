import { SPORTS } from './events';

export type Sport = (typeof SPORTS)[number];

/** Human labels of SPORTS, for selects and event cards. */
export const SPORT_LABELS: Record<Sport, string> = {
  running: 'Running',
  trail: 'Trail',
  triathlon: 'Triathlon',
  cycling: 'Cycling',
  swimming: 'Swimming',
  obstacle: 'Obstacle race',
  other: 'Other',
};

export function sportLabel(sport: string): string {
  return (SPORT_LABELS as Record<string, string>)[sport] ?? sport;
}
