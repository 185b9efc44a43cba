import { NormalisedBox } from '@focus-racer/api-types';

/** Size assumed for a photo whose size the API does not know yet (the web version's usual 3:2). */
const DEFAULT_SIZE = { width: 1600, height: 1067 };
/** Room around the bib, as a share of its size on each side: enough to see the runner's chest and the print. */
const MARGIN = 0.35;
/** The zoom stays between square and three times wider than tall, so a thin or tall box still reads well. */
const MIN_ASPECT = 1;
const MAX_ASPECT = 3;

/** Where the zoom shows the photo: the expanded box (0..1 of the photo) and its aspect ratio in pixels. */
export interface BibZoom {
  box: NormalisedBox;
  aspect: number;
  /** CSS for the full web image inside a box of that aspect: the image, scaled and moved so the box fills it. */
  image: { width: string; height: string; left: string; top: string };
}

/**
 * The zoomed view of a bib: its box grown by a margin and widened or heightened into a readable shape, kept inside
 * the photo. The browser crops the web image with plain CSS (no second download, no canvas).
 */
export function bibZoom(box: NormalisedBox, width: number | null, height: number | null): BibZoom {
  const size = width && height ? { width, height } : DEFAULT_SIZE;
  let w = Math.min(1, box.w * (1 + 2 * MARGIN));
  let h = Math.min(1, box.h * (1 + 2 * MARGIN));
  const pixelAspect = (w * size.width) / (h * size.height);
  if (pixelAspect < MIN_ASPECT) w = (h * size.height * MIN_ASPECT) / size.width;
  if (pixelAspect > MAX_ASPECT) h = (w * size.width) / (MAX_ASPECT * size.height);
  w = Math.min(1, w);
  h = Math.min(1, h);
  const centreX = box.x + box.w / 2;
  const centreY = box.y + box.h / 2;
  const x = clamp(centreX - w / 2, 0, 1 - w);
  const y = clamp(centreY - h / 2, 0, 1 - h);
  const pct = (value: number) => `${round(value * 100)}%`;
  return {
    box: { x, y, w, h },
    aspect: round((w * size.width) / (h * size.height)),
    image: { width: pct(1 / w), height: pct(1 / h), left: pct(-x / w), top: pct(-y / h) },
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
