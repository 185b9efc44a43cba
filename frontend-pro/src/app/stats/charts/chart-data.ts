/** One bar or slice of a chart. `color` is any CSS colour. */
export interface ChartDatum {
  label: string;
  value: number;
  color?: string;
}

/**
 * A daily series as the API sends it (days without any left out), with those days put back at 0 between its first
 * and last day, or over the last `minDays` days when it is shorter, so a chart's bars are evenly spaced in time.
 */
export function fillDays<T extends { date: string }>(
  series: readonly T[],
  value: (point: T) => number,
  options: { minDays?: number; today?: Date } = {},
): { date: string; value: number }[] {
  const byDay = new Map(series.map((point) => [point.date, value(point)]));
  const sorted = [...byDay.keys()].sort();
  const today = options.today ?? new Date();
  const last = sorted.length ? sorted[sorted.length - 1] : isoDay(today);
  let first = sorted.length ? sorted[0] : last;
  const minDays = options.minDays ?? 0;
  if (minDays > 0) {
    const earliest = addDays(last, -(minDays - 1));
    if (earliest < first) first = earliest;
  }
  const days: { date: string; value: number }[] = [];
  // A year of days at most: an old event's figures stay readable and the loop stays bounded.
  for (let day = first, guard = 0; day <= last && guard < 366; day = addDays(day, 1), guard++) {
    days.push({ date: day, value: byDay.get(day) ?? 0 });
  }
  return days;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return isoDay(date);
}

/** "12 Mar" for a YYYY-MM-DD day, in the apps' English with European conventions. */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
