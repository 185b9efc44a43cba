import { CLIENT_FILE_KEY_MAX_LENGTH } from '@focus-racer/api-types';
import { clientFileKey, keyWithoutFolders } from './client-file-key';

describe('clientFileKey', () => {
  it('is the relative path, the size and the modification time', () => {
    expect(clientFileKey('Marathon/Finish/IMG_0001.JPG', 4_812_331, 1_774_166_400_000)).toBe('Marathon/Finish/IMG_0001.JPG|4812331|1774166400000');
  });

  it('is the same for a dropped folder (/Marathon/…) and a chosen one (Marathon/…), on Windows and macOS names alike', () => {
    const chosen = clientFileKey('Marathon/Arrivée/IMG_0001.JPG', 10, 20);
    expect(clientFileKey('/Marathon/Arrivée/IMG_0001.JPG', 10, 20)).toBe(chosen);
    expect(clientFileKey('Marathon\\Arrivée\\IMG_0001.JPG', 10, 20)).toBe(chosen);
    // macOS hands out decomposed accents (e + U+0301).
    expect(clientFileKey('Marathon/Arrive\u0301e/IMG_0001.JPG', 10, 20)).toBe(chosen);
  });

  it('tells apart files with the same name in two folders, and a file edited since', () => {
    const keys = new Set([clientFileKey('A/IMG_1.JPG', 10, 20), clientFileKey('B/IMG_1.JPG', 10, 20), clientFileKey('A/IMG_1.JPG', 10, 21)]);
    expect(keys.size).toBe(3);
  });

  it('keeps the end of a path too long for the server, and stays within the limit', () => {
    const deep = `${'very-long-folder-name/'.repeat(40)}IMG_0001.JPG`;
    const key = clientFileKey(deep, 123, 456);
    expect(key.length).toBe(CLIENT_FILE_KEY_MAX_LENGTH);
    expect(key.endsWith('/IMG_0001.JPG|123|456')).toBe(true);
    expect(clientFileKey(deep, 123, 456)).toBe(key);
  });

  it('without folders: name, size and time, to match a file chosen from another level of the folder tree', () => {
    expect(keyWithoutFolders('Marathon/Finish/IMG_0001.JPG|10|20')).toBe('IMG_0001.JPG|10|20');
    expect(keyWithoutFolders('IMG_0001.JPG|10|20')).toBe('IMG_0001.JPG|10|20');
    expect(keyWithoutFolders('Finish/a|b.jpg|10|20')).toBe('a|b.jpg|10|20');
  });
});
