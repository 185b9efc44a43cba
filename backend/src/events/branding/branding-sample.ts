import sharp from 'sharp';
import { WebPixels } from '../../ai-pipeline/imaging/derivatives';

/**
 * The photo the branding preview is drawn on while the event has none: a plain race-like scene (sky, hills, a
 * track) drawn with sharp at the web size, neutral enough that any watermark shows on it. No text: no font needed.
 */
export async function neutralSamplePixels(): Promise<WebPixels> {
  const [width, height] = [1600, 1067];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fb8de"/><stop offset="1" stop-color="#dbe7f0"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#sky)"/>` +
    `<path d="M0 620 Q 300 480 620 590 T 1200 560 T 1600 600 V ${height} H 0 Z" fill="#6f8f62"/>` +
    `<path d="M0 760 Q 500 700 1000 760 T 1600 740 V ${height} H 0 Z" fill="#86a374"/>` +
    `<path d="M520 ${height} L 760 700 L 860 700 L 1180 ${height} Z" fill="#a9a39a"/>` +
    `<rect x="780" y="520" width="44" height="120" rx="18" fill="#e0564f"/><circle cx="802" cy="495" r="24" fill="#c98f6b"/>` +
    `<rect x="788" y="560" width="28" height="24" fill="#ffffff"/>` +
    `</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, raw: { width: info.width, height: info.height, channels: info.channels }, uprightWidth: info.width, uprightHeight: info.height };
}
