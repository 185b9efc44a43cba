/** Material Symbols icon for a sport, used on cover placeholders and event lists. */
const SPORT_ICONS: Record<string, string> = {
  running: 'directions_run',
  trail: 'hiking',
  triathlon: 'sports_score',
  cycling: 'directions_bike',
  swimming: 'pool',
  obstacle: 'fitness_center',
};

export function sportIcon(sport: string): string {
  return SPORT_ICONS[sport] ?? 'emoji_events';
}
