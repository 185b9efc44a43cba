import { DroppedEntry, filesFromEntries, filesFromInput, selectPhotos } from './file-selection';

const file = (name: string, size = 1000, type = '', lastModified = 1_700_000_000_000) =>
  new File([new Uint8Array(size)], name, { type, lastModified });

function fileEntry(path: string, f: File): DroppedEntry {
  return { isFile: true, isDirectory: false, name: f.name, fullPath: path, file: (ok) => ok(f) };
}

/** A directory whose reader answers in chunks of two, like Chrome's 100 at a time. */
function dirEntry(path: string, children: DroppedEntry[]): DroppedEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: path.slice(path.lastIndexOf('/') + 1),
    fullPath: path,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) => {
          ok(children.slice(at, at + 2));
          at += 2;
        },
      };
    },
  };
}

describe('selectPhotos', () => {
  it('keeps JPEGs in natural order with their keys, and lists everything else with a reason', () => {
    const selection = selectPhotos([
      { file: file('IMG_10.JPG'), path: 'Race/IMG_10.JPG' },
      { file: file('IMG_2.jpeg'), path: 'Race/IMG_2.jpeg' },
      { file: file('IMG_3.CR2'), path: 'Race/IMG_3.CR2' },
      { file: file('IMG_4.HEIC'), path: 'Race/IMG_4.HEIC' },
      { file: file('logo.png', 10, 'image/png'), path: 'Race/logo.png' },
      { file: file('.DS_Store'), path: 'Race/.DS_Store' },
      { file: file('clip.MP4', 10, 'video/mp4'), path: 'Race/clip.MP4' },
      { file: file('empty.jpg', 0), path: 'Race/empty.jpg' },
      { file: file('notes.txt'), path: 'Race/notes.txt' },
      { file: file('scan', 10, 'image/jpeg'), path: 'Race/scan' },
    ]);
    expect(selection.photos.map((photo) => photo.path)).toEqual(['Race/IMG_2.jpeg', 'Race/IMG_10.JPG', 'Race/scan']);
    expect(selection.photos[0]?.key).toBe('Race/IMG_2.jpeg|1000|1700000000000');
    expect(selection.totalBytes).toBe(2010);
    expect(selection.label).toBe('Race');
    expect(Object.fromEntries(selection.skipped.map((skipped) => [skipped.path, skipped.reason]))).toEqual({
      'Race/.DS_Store': 'Hidden system file',
      'Race/IMG_3.CR2': 'RAW file: export it as JPEG first',
      'Race/IMG_4.HEIC': 'HEIC photo: export it as JPEG first',
      'Race/clip.MP4': 'Not a photo (video)',
      'Race/empty.jpg': 'Empty file',
      'Race/logo.png': 'Not a JPEG (PNG image)',
      'Race/notes.txt': 'Not a JPEG',
    });
  });

  it('takes a file chosen twice once, and names loose files by their count', () => {
    const same = file('IMG_1.JPG');
    const selection = selectPhotos([
      { file: same, path: 'IMG_1.JPG' },
      { file: same, path: 'IMG_1.JPG' },
      { file: file('IMG_2.JPG'), path: 'IMG_2.JPG' },
    ]);
    expect(selection.photos).toHaveLength(2);
    expect(selection.skipped).toEqual([{ path: 'IMG_1.JPG', reason: 'Chosen twice' }]);
    expect(selection.label).toBe('2 photos');
  });
});

describe('files from a drop or a chooser', () => {
  it('walks dropped folders to the bottom, reading each folder until it answers an empty chunk', async () => {
    const a = file('a.jpg');
    const b = file('b.jpg');
    const c = file('c.jpg');
    const d = file('d.jpg');
    const loose = file('loose.jpg');
    const dropped = await filesFromEntries([
      dirEntry('/Race', [fileEntry('/Race/a.jpg', a), fileEntry('/Race/b.jpg', b), dirEntry('/Race/Finish', [fileEntry('/Race/Finish/c.jpg', c)]), fileEntry('/Race/d.jpg', d)]),
      fileEntry('/loose.jpg', loose),
    ]);
    expect(dropped.files.map((picked) => picked.path)).toEqual(['Race/a.jpg', 'Race/b.jpg', 'Race/Finish/c.jpg', 'Race/d.jpg', 'loose.jpg']);
    expect(dropped.unreadable).toEqual([]);
  });

  it('lists a file the browser cannot read instead of failing the drop', async () => {
    const broken: DroppedEntry = { isFile: true, isDirectory: false, name: 'x.jpg', fullPath: '/Race/x.jpg', file: (_ok, fail) => fail?.(new Error('gone')) };
    const dropped = await filesFromEntries([dirEntry('/Race', [broken])]);
    expect(dropped.unreadable).toEqual([{ path: 'Race/x.jpg', reason: 'File could not be read' }]);
  });

  it('gives a chosen folder the same paths as a dropped one', () => {
    const f = file('a.jpg');
    Object.defineProperty(f, 'webkitRelativePath', { value: 'Race/a.jpg' });
    expect(filesFromInput([f, file('b.jpg')]).map((picked) => picked.path)).toEqual(['Race/a.jpg', 'b.jpg']);
  });
});
