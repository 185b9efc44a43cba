import { clientFileKey, normalisePath } from './client-file-key';

/** A file the person chose or dropped, with its path below the chosen folder (just its name when no folder). */
export interface PickedFile {
  file: File;
  path: string;
}

/** A JPEG to send, with its client key. */
export interface UploadCandidate {
  key: string;
  path: string;
  file: File;
}

/** A file left out before anything is sent, and why, in words the photographer understands. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface FileSelection {
  /** In path order (natural: IMG_2 before IMG_10), so a batch is sent in the order it was shot. */
  photos: UploadCandidate[];
  skipped: SkippedFile[];
  totalBytes: number;
  /** The chosen folder's name when every photo is in one, for the batch list; else "N photos". */
  label: string;
}

const JPEG_NAME = /\.(jpe?g|jfif|jpe)$/i;
const RAW_NAME = /\.(cr2|cr3|crw|nef|nrw|arw|srf|sr2|raf|orf|rw2|pef|dng|srw|x3f|3fr|iiq|rwl)$/i;
const HEIC_NAME = /\.(heic|heif|hif)$/i;
const VIDEO_NAME = /\.(mp4|mov|avi|mts|m2ts|mkv|wmv|mxf)$/i;
const OTHER_IMAGE: Record<string, string> = { png: 'PNG', webp: 'WebP', tif: 'TIFF', tiff: 'TIFF', gif: 'GIF', bmp: 'BMP', psd: 'Photoshop' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Why a file cannot go into the batch, or null for a JPEG to send. */
export function skipReason(file: File, path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name.startsWith('.')) return 'Hidden system file';
  if (file.size === 0) return 'Empty file';
  if (JPEG_NAME.test(name) || file.type === 'image/jpeg') return null;
  if (RAW_NAME.test(name)) return 'RAW file: export it as JPEG first';
  if (HEIC_NAME.test(name)) return 'HEIC photo: export it as JPEG first';
  if (VIDEO_NAME.test(name) || file.type.startsWith('video/')) return 'Not a photo (video)';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const kind = OTHER_IMAGE[extension];
  return kind ? `Not a JPEG (${kind} image)` : 'Not a JPEG';
}

/** Splits a pick into JPEGs to send (with keys, in natural path order) and files left out with their reason. */
export function selectPhotos(picked: readonly PickedFile[], unreadable: readonly SkippedFile[] = []): FileSelection {
  const photos: UploadCandidate[] = [];
  const skipped: SkippedFile[] = [...unreadable];
  const seen = new Set<string>();
  for (const { file, path: rawPath } of picked) {
    const path = normalisePath(rawPath || file.name);
    const reason = skipReason(file, path);
    if (reason) {
      skipped.push({ path, reason });
      continue;
    }
    const key = clientFileKey(path, file.size, file.lastModified);
    if (seen.has(key)) {
      skipped.push({ path, reason: 'Chosen twice' });
      continue;
    }
    seen.add(key);
    photos.push({ key, path, file });
  }
  photos.sort((a, b) => collator.compare(a.path, b.path));
  skipped.sort((a, b) => collator.compare(a.path, b.path));
  return { photos, skipped, totalBytes: photos.reduce((sum, photo) => sum + photo.file.size, 0), label: labelOf(photos) };
}

function labelOf(photos: readonly UploadCandidate[]): string {
  const folders = new Set(photos.map((photo) => (photo.path.includes('/') ? photo.path.slice(0, photo.path.indexOf('/')) : '')));
  const [only] = folders;
  if (folders.size === 1 && only) return only.slice(0, 200);
  return `${photos.length} ${photos.length === 1 ? 'photo' : 'photos'}`;
}

/** Files from an `<input type="file">` (with `webkitdirectory` each carries its path below the chosen folder). */
export function filesFromInput(files: FileList | readonly File[]): PickedFile[] {
  return Array.from(files, (file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/** The part of the File and Directory Entries API a drop needs (Chrome, Edge, Firefox and Safari all have it). */
export interface DroppedEntry {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  readonly fullPath: string;
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: unknown) => void): void };
}

export interface DroppedFiles {
  files: PickedFile[];
  unreadable: SkippedFile[];
}

/**
 * Every file of a drop, folders walked recursively. The entries are taken from the DataTransfer at once: the browser
 * empties it when the drop handler returns, so this must be called inside the handler (the walk itself may take time).
 */
export function filesFromDataTransfer(transfer: DataTransfer): Promise<DroppedFiles> {
  const items = Array.from(transfer.items ?? []).filter((item) => item.kind === 'file');
  const entries = items.map((item) => (item.webkitGetAsEntry?.() ?? null) as DroppedEntry | null);
  if (entries.length === 0 || entries.some((entry) => entry === null)) {
    // No entries API: plain files only (a dropped folder cannot be read without it).
    return Promise.resolve({ files: filesFromInput(transfer.files), unreadable: [] });
  }
  return filesFromEntries(entries as DroppedEntry[]);
}

export async function filesFromEntries(entries: readonly DroppedEntry[]): Promise<DroppedFiles> {
  const result: DroppedFiles = { files: [], unreadable: [] };
  for (const entry of entries) await walk(entry, result);
  return result;
}

async function walk(entry: DroppedEntry, into: DroppedFiles): Promise<void> {
  const path = normalisePath(entry.fullPath || entry.name);
  try {
    if (entry.isFile && entry.file) {
      const read = entry.file.bind(entry);
      into.files.push({ file: await new Promise<File>((resolve, reject) => read(resolve, reject)), path });
    } else if (entry.isDirectory && entry.createReader) {
      const reader = entry.createReader();
      // readEntries answers in chunks (100 at a time in Chrome) until it answers an empty list.
      for (;;) {
        const chunk = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (chunk.length === 0) break;
        for (const child of chunk) await walk(child, into);
      }
    }
  } catch {
    into.unreadable.push({ path, reason: entry.isDirectory ? 'Folder could not be read' : 'File could not be read' });
  }
}
