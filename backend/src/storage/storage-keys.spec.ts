import { InvalidStorageKeyError } from './object-storage';
import { assertValidKey, assertValidPrefix, storageKeys } from './storage-keys';

describe('storageKeys', () => {
  const event = '8d0f4f7e-3c9a-4a55-9d2b-6f1e2a3b4c5d';
  const photo = '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';

  it('lays out originals, web versions and thumbnails under the event', () => {
    expect(storageKeys.event(event)).toBe(`events/${event}/`);
    expect(storageKeys.original(event, photo, 'png')).toBe(`events/${event}/originals/${photo}.png`);
    expect(storageKeys.webWebp(event, photo)).toBe(`events/${event}/web/${photo}.webp`);
    expect(storageKeys.webJpeg(event, photo)).toBe(`events/${event}/web/${photo}.jpg`);
    expect(storageKeys.thumb(event, photo)).toBe(`events/${event}/thumbs/${photo}.jpg`);
    for (const key of [storageKeys.original(event, photo, 'jpg'), storageKeys.thumb(event, photo)]) {
      expect(key.startsWith(storageKeys.event(event))).toBe(true);
    }
  });

  it.each(['..', '../x', 'a/b', '', 'x y', 'a\\b'])('refuses the id %j', (id) => {
    expect(() => storageKeys.thumb(id, photo)).toThrow(InvalidStorageKeyError);
    expect(() => storageKeys.thumb(event, id)).toThrow(InvalidStorageKeyError);
  });
});

describe('assertValidKey / assertValidPrefix', () => {
  it('accepts plain relative keys and slash-terminated prefixes', () => {
    expect(() => assertValidKey('events/e/originals/p.jpg')).not.toThrow();
    expect(() => assertValidPrefix('events/e/')).not.toThrow();
  });

  it.each([
    ['..', '".." segments'],
    ['a/../../b', '".." segments'],
    ['/abs', 'relative'],
    ['a\\b', 'backslashes'],
    ['a//b', 'empty segments'],
    ['a/\u0000b', 'control characters'],
    ['x'.repeat(513), 'longer than 512'],
  ])('refuses %j (%s)', (key, why) => {
    expect(() => assertValidKey(key)).toThrow(why);
  });

  it('wants a prefix to end with a slash', () => {
    expect(() => assertValidPrefix('events/e')).toThrow('must end with "/"');
    expect(() => assertValidPrefix('/')).toThrow(InvalidStorageKeyError);
  });
});
