/**
 * What a runner (no account needed) gets from `/api/public/events/:slug/...`: the event's gallery and the three
 * ways to find their own photos (bib, name, selfie). Every result says why it matched and carries one score so
 * the three kinds of evidence rank together.
 */

/** A photo as anyone sees it: watermarked versions only. */
export interface PublicPhotoDto {
  id: string;
  /** Watermarked thumbnail (long edge ~480 px) and web version (1600 px), `/api/media/...` URLs. */
  thumbUrl: string;
  webUrl: string;
  /** Pixel size of the web version, so the gallery can reserve space before the image loads. */
  width: number | null;
  height: number | null;
  takenAt: string | null;
}

/**
 * Why a photo matched. `bib`: the number was read on the photo (OCR, with its confidence) or typed by the
 * photographer (manual). `face-link`: the photo has no readable bib but a face on it matches the face of the
 * runner on another photo where the bib was read. `name`: the runner's name was found in the start list and
 * resolved to the bib. `selfie`: a face on the photo looks like the selfie.
 */
export type MatchReason =
  | { kind: 'bib'; bib: string; source: 'ocr' | 'manual'; confidence: number }
  | { kind: 'face-link'; bib: string; similarity: number; fromPhotoId: string | null }
  | { kind: 'name'; bib: string; name: string; similarity: number }
  | { kind: 'selfie'; similarity: number };

export interface SearchResultDto {
  photo: PublicPhotoDto;
  /** 0..1, the ranking score combining the reasons. Results come sorted by it, best first. */
  score: number;
  reasons: MatchReason[];
}

/** A start-list entry a name search resolved to (no email, no chip time: those are not public). */
export interface RunnerMatchDto {
  bib: string;
  firstName: string;
  lastName: string;
  category: string | null;
  club: string | null;
  /** 0..1 name similarity (1 = exact after accents and case are removed). */
  similarity: number;
}

export interface SearchResponse {
  mode: 'bib' | 'name' | 'selfie';
  /** For name searches: the runners the name resolved to (best first); for bib: the runner of that bib if known. */
  runners: RunnerMatchDto[];
  results: SearchResultDto[];
}

/** `GET /api/public/events/:slug/search?bib=1234` or `?name=dupont` (one of them), optional `viewer`. */
export interface SearchQuery {
  bib?: string;
  name?: string;
  /**
   * The anonymous id the public site keeps on the device (or nothing when logged in: the account is used).
   * Photos this viewer said "not me" to are left out of their results.
   */
  viewer?: string;
}

/** `POST /api/public/photos/:id/feedback`: "this is me / not me" on a search result. */
export interface PhotoFeedbackRequest {
  verdict: 'me' | 'not-me';
  /** The bib the runner searched for (the link being confirmed or refuted), when the search was by bib or name. */
  bib?: string;
  /** Anonymous device id; ignored when the request carries a logged-in runner's token. */
  viewer?: string;
}

/** Favorites: kept on the device anonymously, merged into the account on login (`PUT /api/me/favorites`). */
export interface FavoritesDto {
  photoIds: string[];
}

export interface FavoritePhotoDto extends PublicPhotoDto {
  eventSlug: string;
  eventName: string;
}

/**
 * The public endpoints (all under `/api`, no account needed unless said):
 * - `GET public/events/:slug/photos?cursor=&limit=100` → CursorPage<PublicPhotoDto>, the gallery (processed,
 *   visible photos; duplicates and blurry shots left out), newest capture time last.
 * - `GET public/events/:slug/search?bib=|name=&viewer=` → SearchResponse.
 * - `POST public/events/:slug/search/selfie` (multipart: `selfie` file, `consent=true`) → SearchResponse; 422 when
 *   no face is found; the image is processed in memory and never stored or logged.
 * - `GET public/photos/:id` → FavoritePhotoDto (viewer share links); `POST public/photos/lookup` {photoIds} →
 *   FavoritePhotoDto[] (anonymous favorites page; unknown or hidden ids are left out).
 * - `POST public/photos/:id/feedback` PhotoFeedbackRequest → 204.
 * - `GET me/favorites` → FavoritePhotoDto[]; `PUT me/favorites` FavoritesDto (adds, merge on login) →
 *   FavoritePhotoDto[]; `DELETE me/favorites/:photoId` → 204. (Logged-in runner.)
 * - `GET public/sitemap.xml`, `GET public/robots.txt`; `GET public/events/:slug/meta` → EventMetaDto for
 *   server-rendered titles and OpenGraph tags.
 */
export interface EventMetaDto {
  title: string;
  description: string;
  /** Absolute URL of the OpenGraph image (the cover, or the first photo's web version). */
  imageUrl: string | null;
  /** Canonical absolute URL of the public event page. */
  url: string;
}
