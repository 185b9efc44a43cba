import { CLIENT_FILE_KEY_MAX_LENGTH } from '@focus-racer/api-types';

/**
 * The client key of a source file in an upload batch (see CreateUploadBatchRequest): `relativePath|size|lastModified`.
 * It is what lets a batch resume exactly once: the same file chosen again (same folder, after a network drop or in a
 * reopened tab) gets the same key, and the server answers `alreadyReceived` instead of storing it twice.
 *
 * The path is the one below the folder the person chose or dropped ("Marathon/Finish/IMG_0001.JPG"), '/'-separated
 * and in Unicode NFC (macOS hands out decomposed names), so dropping a folder and choosing it give the same key.
 */
export function clientFileKey(relativePath: string, size: number, lastModified: number): string {
  const tail = `|${size}|${Math.trunc(lastModified)}`;
  const path = normalisePath(relativePath) || 'unnamed';
  const room = CLIENT_FILE_KEY_MAX_LENGTH - tail.length;
  // A very deep path keeps its end: the file name and the nearest folders tell files apart, the top ones rarely do.
  return (path.length > room ? path.slice(path.length - room) : path) + tail;
}

/** '/'-separated, no leading slash, NFC. */
export function normalisePath(path: string): string {
  return path.normalize('NFC').replace(/\\/g, '/').replace(/^\/+/, '');
}

/**
 * The key without its folders (`IMG_0001.JPG|size|lastModified`): when a person resumes by choosing the parent (or a
 * sub-) folder of the one chosen first, the paths differ but this part does not.
 */
export function keyWithoutFolders(key: string): string {
  const tailStart = key.lastIndexOf('|', key.lastIndexOf('|') - 1);
  if (tailStart < 0) return key;
  const path = key.slice(0, tailStart);
  return path.slice(path.lastIndexOf('/') + 1) + key.slice(tailStart);
}
