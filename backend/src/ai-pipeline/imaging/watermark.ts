import { IMAGE_MIME_TYPES, sniffImageType } from './image-type';

export interface WatermarkOptions {
  /** Event or photographer name, e.g. "Marathon de Lyon 2026 · Studio Dupont". */
  text: string;
  /** Optional logo (PNG with transparency works best; JPEG or WebP too), drawn beside the text in every tile. */
  logo?: Buffer;
  /** 0-1; default 0.45: readable, yet the runner can still judge the photo. */
  opacity?: number;
}

/** Escapes the five XML special characters so a name like `Bob & "Co" <3` cannot break (or inject into) the SVG. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/**
 * An SVG the size of the image, filled with a pattern repeated across the whole surface and turned 30°, so no
 * crop keeps a clean area. Each tile holds the text (white with a dark outline: visible on snow and on asphalt),
 * the logo when given, and a thin line (diagonal once turned) that still marks the picture if the machine has no font.
 */
export function watermarkSvg(width: number, height: number, options: WatermarkOptions): string {
  const opacity = options.opacity ?? 0.45;
  const longEdge = Math.max(width, height);
  // Text size follows the image (legible on a 400 px thumbnail and on the 1600 px web version); the tile is as
  // wide as the text needs, so a long event name makes wider tiles rather than unreadable letters.
  const fontSize = Math.min(72, Math.max(11, longEdge / 24));
  const text = escapeXml(options.text.trim().slice(0, 80));
  const logoSize = options.logo ? Math.round(fontSize * 2) : 0;
  const logoRoom = logoSize ? logoSize + fontSize * 0.5 : 0;
  // A bold sans-serif character is about 0.65 em wide.
  const textWidth = 0.65 * fontSize * options.text.trim().slice(0, 80).length;
  const tileWidth = Math.round(Math.max(longEdge / 4, textWidth + logoRoom + fontSize * 2));
  const tileHeight = Math.round(fontSize * 4);
  const stroke = Math.max(0.6, fontSize / 16);
  const textX = (tileWidth + logoRoom) / 2;
  const logoType = options.logo ? sniffImageType(options.logo) : null;
  const logo =
    options.logo && logoType
      ? `<image x="${((tileWidth - textWidth - logoRoom) / 2).toFixed(1)}" y="${((tileHeight - logoSize) / 2).toFixed(1)}" width="${logoSize}" height="${logoSize}" ` +
        `preserveAspectRatio="xMidYMid meet" href="data:${IMAGE_MIME_TYPES[logoType]};base64,${options.logo.toString('base64')}"/>`
      : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs><pattern id="wm" width="${tileWidth}" height="${tileHeight}" patternUnits="userSpaceOnUse" patternTransform="rotate(-30)">` +
    `<g opacity="${opacity}">` +
    `<line x1="0" y1="${tileHeight * 0.9}" x2="${tileWidth}" y2="${tileHeight * 0.9}" stroke="#ffffff" stroke-width="${stroke * 1.5}"/>` +
    `<line x1="0" y1="${tileHeight * 0.9}" x2="${tileWidth}" y2="${tileHeight * 0.9}" stroke="#000000" stroke-opacity="0.5" stroke-width="${stroke * 0.5}"/>` +
    logo +
    `<text x="${textX.toFixed(1)}" y="${(tileHeight / 2 + fontSize * 0.35).toFixed(1)}" text-anchor="middle" ` +
    `font-family="DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif" font-weight="bold" font-size="${fontSize.toFixed(1)}" ` +
    `fill="#ffffff" stroke="#000000" stroke-opacity="0.6" stroke-width="${stroke.toFixed(2)}">${text}</text>` +
    `</g></pattern></defs>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="url(#wm)"/>` +
    `</svg>`
  );
}
