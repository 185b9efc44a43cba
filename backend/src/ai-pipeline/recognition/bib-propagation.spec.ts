import { attributeBibs, bestRunner, faceToBibDistance, mergeLinks, PhotoBib, PhotoFace, RunnerFace } from './bib-propagation';

const face = (id: string, photoId: string, x: number, y: number, size = 100): PhotoFace => ({ id, photoId, box: { x, y, w: size, h: size } });
const bib = (photoId: string, number: string, x: number, y: number, w = 200, h = 120): PhotoBib => ({ photoId, number, box: { x, y, w, h } });
const runner = (faceId: string, number: string, photoId = 'p1'): RunnerFace => ({ faceId, photoId, number });

describe('attributeBibs', () => {
  it('gives each bib to the face above it, side by side runners each keeping their own', () => {
    // Two runners 400 px apart; each bib about 3 face heights under its face.
    const faces = [face('a', 'p1', 100, 100), face('b', 'p1', 500, 110)];
    const bibs = [bib('p1', '12', 50, 350), bib('p1', '34', 450, 360)];
    expect(attributeBibs(faces, bibs)).toEqual([runner('a', '12'), runner('b', '34')]);
  });

  it('leaves a face without a bib out, and never gives a bib to a face below it, too far aside or too far above', () => {
    const faces = [
      face('runner', 'p1', 100, 100),
      face('bystander', 'p1', 700, 100),
      face('below', 'p2', 100, 600),
      face('aside', 'p3', 600, 100),
      face('far-above', 'p4', 100, 0, 40),
    ];
    const bibs = [bib('p1', '12', 50, 350), bib('p2', '56', 50, 350), bib('p3', '78', 50, 350), bib('p4', '90', 50, 350)];
    expect(attributeBibs(faces, bibs)).toEqual([runner('runner', '12')]);
  });

  it('gives a bib to the nearest of two faces above it (distances in face sizes: the small face further back loses)', () => {
    const faces = [face('behind', 'p1', 140, 150, 50), face('front', 'p1', 100, 100, 100)];
    expect(attributeBibs(faces, [bib('p1', '12', 50, 350)])).toEqual([runner('front', '12')]);
  });

  it('attributes a typed bib (no box) only on a photo with one face and one bib', () => {
    const typed = (photoId: string, number: string): PhotoBib => ({ photoId, number, box: null });
    const faces = [face('alone', 'p1', 100, 100), face('x', 'p2', 100, 100), face('y', 'p2', 500, 100)];
    expect(attributeBibs(faces, [typed('p1', '12'), typed('p2', '34')])).toEqual([runner('alone', '12')]);
  });

  it('measures the distance from the face centre to the bib centre in face sizes', () => {
    expect(faceToBibDistance({ x: 0, y: 0, w: 100, h: 100 }, { x: -50, y: 250, w: 200, h: 100 })).toBeCloseTo(2.5);
    expect(faceToBibDistance({ x: 0, y: 0, w: 100, h: 100 }, { x: 300, y: 250, w: 100, h: 100 })).toBeNull();
  });
});

describe('bestRunner', () => {
  const rule = { threshold: 0.6, margin: 0.05 };

  it('picks the most similar runner when above the threshold and ahead of the next runner by the margin', () => {
    const best = bestRunner(
      [
        { runner: runner('f1', '12'), similarity: 0.7 },
        { runner: runner('f2', '12', 'p2'), similarity: 0.82 },
        { runner: runner('f3', '34'), similarity: 0.74 },
      ],
      rule,
    );
    expect(best).toEqual({ runner: runner('f2', '12', 'p2'), similarity: 0.82 });
  });

  it('links nobody below the threshold, or when two runners are about as similar', () => {
    expect(bestRunner([{ runner: runner('f1', '12'), similarity: 0.59 }], rule)).toBeNull();
    expect(bestRunner([{ runner: runner('f1', '12'), similarity: 0.8 }, { runner: runner('f2', '34'), similarity: 0.77 }], rule)).toBeNull();
    expect(bestRunner([], rule)).toBeNull();
  });

  it('compares runners, not faces: two faces of the same runner are no ambiguity', () => {
    const best = bestRunner([{ runner: runner('f1', '12'), similarity: 0.8 }, { runner: runner('f2', '12', 'p2'), similarity: 0.79 }], rule);
    expect(best?.runner.number).toBe('12');
  });
});

describe('mergeLinks', () => {
  it('keeps one link per photo and number, the most similar', () => {
    const links = mergeLinks([
      { photoId: 't1', number: '12', similarity: 0.7, linkedFromPhotoId: 'p1' },
      { photoId: 't1', number: '12', similarity: 0.9, linkedFromPhotoId: 'p2' },
      { photoId: 't1', number: '34', similarity: 0.65, linkedFromPhotoId: 'p3' },
      { photoId: 't2', number: '12', similarity: 0.61, linkedFromPhotoId: 'p1' },
    ]);
    expect(links).toEqual([
      { photoId: 't1', number: '12', similarity: 0.9, linkedFromPhotoId: 'p2' },
      { photoId: 't1', number: '34', similarity: 0.65, linkedFromPhotoId: 'p3' },
      { photoId: 't2', number: '12', similarity: 0.61, linkedFromPhotoId: 'p1' },
    ]);
  });
});
