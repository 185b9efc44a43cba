import type { WatermarkPosition } from '@focus-racer/api-types';
import { IMAGE_MIME_TYPES, sniffImageType } from './image-type';

export interface WatermarkOptions {
  /** Event or photographer name, e.g. "Marathon de Lyon 2026 · Studio Dupont"; may be empty when a logo is given. */
  text: string;
  /** Optional logo (PNG with transparency works best; JPEG or WebP too), drawn beside the text in every mark. */
  logo?: Buffer;
  /** 0-1; default 0.45: readable, yet the runner can still judge the photo. */
  opacity?: number;
  /**
   * 'tiled' (default): a turned pattern over the whole surface, so no crop keeps a clean area. 'bottom-right' and
   * 'center': one larger mark, the organizer's choice for a discreet or a bold signature (a crop can remove it).
   */
  position?: WatermarkPosition;
}

/** Text drawn at most: longer names would make marks wider than the photo. */
const MAX_TEXT_LENGTH = 80;
const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/** Escapes the five XML special characters so a name like `Bob & "Co" <3` cannot break (or inject into) the SVG. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** The watermark of an image of this size as an SVG of the same size (rasterised once per size: see watermarkOverlay). */
export function watermarkSvg(width: number, height: number, options: WatermarkOptions): string {
  const position = options.position ?? 'tiled';
  return position === 'tiled' ? tiledWatermarkSvg(width, height, options) : singleMarkSvg(width, height, options, position);
}

/**
 * Filled with a pattern repeated across the whole surface and turned 30°, so no crop keeps a clean area. Each tile
 * holds the text (white with a dark outline: visible on snow and on asphalt), the logo when given, and a thin line
 * (diagonal once turned) that still marks the picture if the machine has no font.
 */
function tiledWatermarkSvg(width: number, height: number, options: WatermarkOptions): string {
  const opacity = options.opacity ?? 0.45;
  const longEdge = Math.max(width, height);
  // Text size follows the image (legible on a 400 px thumbnail and on the 1600 px web version); the tile is as
  // wide as the text needs, so a long event name makes wider tiles rather than unreadable letters.
  const fontSize = Math.min(72, Math.max(11, longEdge / 24));
  const text = escapeXml(options.text.trim().slice(0, MAX_TEXT_LENGTH));
  const logoSize = options.logo ? Math.round(fontSize * 2) : 0;
  const logoRoom = logoSize ? logoSize + fontSize * 0.5 : 0;
  // A bold sans-serif character is about 0.65 em wide.
  const textWidth = 0.65 * fontSize * options.text.trim().slice(0, MAX_TEXT_LENGTH).length;
  const tileWidth = Math.round(Math.max(longEdge / 4, textWidth + logoRoom + fontSize * 2));
  const tileHeight = Math.round(fontSize * 4);
  const stroke = Math.max(0.6, fontSize / 16);
  const textX = (tileWidth + logoRoom) / 2;
  const logo = logoImage(options.logo, (tileWidth - textWidth - logoRoom) / 2, (tileHeight - logoSize) / 2, logoSize);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs><pattern id="wm" width="${tileWidth}" height="${tileHeight}" patternUnits="userSpaceOnUse" patternTransform="rotate(-30)">` +
    `<g opacity="${opacity}">` +
    `<line x1="0" y1="${tileHeight * 0.9}" x2="${tileWidth}" y2="${tileHeight * 0.9}" stroke="#ffffff" stroke-width="${stroke * 1.5}"/>` +
    `<line x1="0" y1="${tileHeight * 0.9}" x2="${tileWidth}" y2="${tileHeight * 0.9}" stroke="#000000" stroke-opacity="0.5" stroke-width="${stroke * 0.5}"/>` +
    logo +
    `<text x="${textX.toFixed(1)}" y="${(tileHeight / 2 + fontSize * 0.35).toFixed(1)}" text-anchor="middle" ` +
    `font-family="${FONT_FAMILY}" font-weight="bold" font-size="${fontSize.toFixed(1)}" ` +
    `fill="#ffffff" stroke="#000000" stroke-opacity="0.6" stroke-width="${stroke.toFixed(2)}">${text}</text>` +
    `</g></pattern></defs>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="url(#wm)"/>` +
    `</svg>`
  );
}

/**
 * One mark (logo then text on a line) in the bottom-right corner or the centre. Larger than a tile's (a single mark
 * must read at a glance), and never wider than 90 % of the photo: a long text gets smaller letters instead.
 */
function singleMarkSvg(width: number, height: number, options: WatermarkOptions, position: 'bottom-right' | 'center'): string {
  const opacity = options.opacity ?? 0.45;
  const longEdge = Math.max(width, height);
  const raw = options.text.trim().slice(0, MAX_TEXT_LENGTH);
  const wanted = position === 'center' ? longEdge / 12 : longEdge / 28;
  const hasLogo = options.logo !== undefined && sniffImageType(options.logo) !== null;
  // Width of the mark in ems: 0.65 em per bold character, the logo 2 em plus half an em of gap.
  const ems = 0.65 * raw.length + (hasLogo ? (raw ? 2.5 : 2) : 0);
  // No floor above what fits: tiny letters on a thumbnail beat a mark that runs off the photo.
  const fontSize = Math.max(4, Math.min(wanted, ems > 0 ? (width * 0.9) / ems : wanted));
  const markWidth = ems * fontSize;
  const logoSize = hasLogo ? Math.round(fontSize * 2) : 0;
  const markHeight = Math.max(logoSize, fontSize * 1.2);
  const margin = Math.round(Math.max(8, longEdge / 40));
  const left = position === 'center' ? (width - markWidth) / 2 : width - margin - markWidth;
  const top = position === 'center' ? (height - markHeight) / 2 : height - margin - markHeight;
  const stroke = Math.max(0.6, fontSize / 16);
  const textLeft = left + (hasLogo ? logoSize + (raw ? fontSize * 0.5 : 0) : 0);
  const text = raw
    ? `<text x="${textLeft.toFixed(1)}" y="${(top + markHeight / 2 + fontSize * 0.35).toFixed(1)}" text-anchor="start" ` +
      `font-family="${FONT_FAMILY}" font-weight="bold" font-size="${fontSize.toFixed(1)}" ` +
      `fill="#ffffff" stroke="#000000" stroke-opacity="0.6" stroke-width="${stroke.toFixed(2)}">${escapeXml(raw)}</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<g opacity="${opacity}">` +
    logoImage(options.logo, left, top + (markHeight - logoSize) / 2, logoSize) +
    text +
    `</g></svg>`
  );
}

/** The logo as an inline image (an SVG rasterised by libvips may not read files or URLs); '' without a readable logo. */
function logoImage(logo: Buffer | undefined, x: number, y: number, size: number): string {
  const type = logo ? sniffImageType(logo) : null;
  if (!logo || !type || size <= 0) return '';
  return (
    `<image x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${size}" height="${size}" ` +
    `preserveAspectRatio="xMidYMid meet" href="data:${IMAGE_MIME_TYPES[type]};base64,${logo.toString('base64')}"/>`
  );
}
