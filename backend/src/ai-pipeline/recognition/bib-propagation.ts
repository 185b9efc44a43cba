import type { BoundingBox } from '../../photos/entities/bounding-box';

/**
 * Carrying a runner's bib to the photos where only their face is seen (the linking stage's rules, pure).
 *
 * 1. Which face wears which bib, on photos whose bibs are known (OCR or manual): the nearest face above the bib,
 *    at most BIB_MAX_SIDEWAYS face widths to the side and BIB_MAX_BELOW face heights below the face's centre; one
 *    bib per face and one face per bib, nearest pairs first. Distances are counted in the face's own size, so the
 *    small face of a runner further back never claims the bib of the runner in front. A bib without a box (typed
 *    by hand) is attributed only on a photo with exactly one face and one bib. Faces left without a bib are not
 *    evidence: on a crowded photo a guessed attribution would sell photos to the wrong runner.
 * 2. Which runner a face of a photo without a bib is: the runner with the most similar attributed face, when that
 *    similarity reaches the threshold and beats the second-best runner by the margin (two runners alike, nobody).
 *
 * Boxes of faces and bibs are both in pixels of the upright original.
 */

export const BIB_MAX_SIDEWAYS = 1.5;
export const BIB_MAX_BELOW = 6;

export interface PhotoFace {
  id: string;
  photoId: string;
  box: BoundingBox;
}

export interface PhotoBib {
  photoId: string;
  number: string;
  box: BoundingBox | null;
}

/** A face known to belong to the runner wearing `number` (seen on `photoId`). */
export interface RunnerFace {
  faceId: string;
  photoId: string;
  number: string;
}

export interface LinkRule {
  threshold: number;
  margin: number;
}

export interface RunnerMatch {
  runner: RunnerFace;
  similarity: number;
}

/** A bib for a photo without one, and where it comes from. */
export interface BibLink {
  photoId: string;
  number: string;
  similarity: number;
  linkedFromPhotoId: string;
}

export function attributeBibs(faces: readonly PhotoFace[], bibs: readonly PhotoBib[]): RunnerFace[] {
  const runners: RunnerFace[] = [];
  const facesByPhoto = groupBy(faces, (face) => face.photoId);
  for (const [photoId, photoBibs] of groupBy(bibs, (bib) => bib.photoId)) {
    const photoFaces = facesByPhoto.get(photoId) ?? [];
    if (photoFaces.length === 1 && photoBibs.length === 1 && photoBibs[0].box === null) {
      runners.push({ faceId: photoFaces[0].id, photoId, number: photoBibs[0].number });
      continue;
    }
    const pairs = photoFaces.flatMap((face) =>
      photoBibs.flatMap((bib) => {
        const distance = bib.box ? faceToBibDistance(face.box, bib.box) : null;
        return distance === null ? [] : [{ face, bib, distance }];
      }),
    );
    pairs.sort((a, b) => a.distance - b.distance);
    const usedFaces = new Set<string>();
    const usedBibs = new Set<string>();
    for (const { face, bib } of pairs) {
      if (usedFaces.has(face.id) || usedBibs.has(bib.number)) continue;
      usedFaces.add(face.id);
      usedBibs.add(bib.number);
      runners.push({ faceId: face.id, photoId, number: bib.number });
    }
  }
  return runners;
}

/** Distance from the face's centre to the bib's, in face sizes; null when the bib cannot be this face's. */
export function faceToBibDistance(face: BoundingBox, bib: BoundingBox): number | null {
  const faceX = face.x + face.w / 2;
  const faceY = face.y + face.h / 2;
  const sideways = Math.abs(bib.x + bib.w / 2 - faceX) / face.w;
  const below = (bib.y + bib.h / 2 - faceY) / face.h;
  if (bib.y < faceY || sideways > BIB_MAX_SIDEWAYS || below > BIB_MAX_BELOW) return null;
  return Math.hypot(sideways, below);
}

/** The runner a face is, from its similarities to runners' faces (any order, several per runner); or null. */
export function bestRunner(matches: Iterable<RunnerMatch>, rule: LinkRule): RunnerMatch | null {
  const bestByNumber = new Map<string, RunnerMatch>();
  for (const match of matches) {
    const current = bestByNumber.get(match.runner.number);
    if (!current || match.similarity > current.similarity) bestByNumber.set(match.runner.number, match);
  }
  const [first, second] = [...bestByNumber.values()].sort((a, b) => b.similarity - a.similarity);
  if (!first || first.similarity < rule.threshold) return null;
  if (second && first.similarity - second.similarity < rule.margin) return null;
  return first;
}

/** One link per photo and number (two faces of a photo matching one runner), the most similar kept. */
export function mergeLinks(links: Iterable<BibLink>): BibLink[] {
  const merged = new Map<string, BibLink>();
  for (const link of links) {
    const key = `${link.photoId}/${link.number}`;
    const current = merged.get(key);
    if (!current || link.similarity > current.similarity) merged.set(key, link);
  }
  return [...merged.values()];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
