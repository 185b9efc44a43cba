/** The calendar day a person picked, as YYYY-MM-DD, without the UTC shift `toISOString()` would add. */
export function toIsoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Parses the API's YYYY-MM-DD as a local calendar day (so it displays as that day in every time zone). */
export function fromIsoDate(value: string): Date {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  return new Date(year, month - 1, day);
}
