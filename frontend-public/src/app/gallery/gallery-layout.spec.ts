import { gridColumns, photoSrcset } from './gallery-layout';

describe('gallery layout', () => {
  it('shows 3 columns on a 360 px phone and up to 6 on a desktop', () => {
    expect(gridColumns(336)).toBe(3);
    expect(gridColumns(600)).toBe(3);
    expect(gridColumns(1152)).toBe(6);
    expect(gridColumns(3000)).toBe(6);
  });

  it('describes both watermarked versions by their real width, narrower for a portrait photo', () => {
    const base = { id: 'p', thumbUrl: '/t.jpg', webUrl: '/w.jpg', takenAt: null };
    expect(photoSrcset({ ...base, width: 1600, height: 1067 })).toBe('/t.jpg 480w, /w.jpg 1600w');
    expect(photoSrcset({ ...base, width: 1067, height: 1600 })).toBe('/t.jpg 320w, /w.jpg 1067w');
    expect(photoSrcset({ ...base, width: null, height: null })).toBe('/t.jpg 480w, /w.jpg 1600w');
  });
});
