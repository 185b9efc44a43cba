/** `Marathon de Paris` + `2026-04-12` → `marathon-de-paris-2026-04-12`: accents stripped, ASCII only. */
export function eventSlug(name: string, date: string, maxLength = 200): string {
  const base = slugify(name).slice(0, maxLength - date.length - 1).replace(/-+$/, '');
  return base ? `${base}-${date}` : `event-${date}`;
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .replace(/œ/gi, 'oe')
    .replace(/ø/gi, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `slug`, or `slug-2`, `slug-3`... the first one not in `taken`. */
export function firstFreeSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
