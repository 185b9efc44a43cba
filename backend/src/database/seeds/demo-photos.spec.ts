import sharp from 'sharp';
import { blurScore, DEFAULT_BLUR_THRESHOLD } from '../../ai-pipeline/imaging/blur-score';
import { readExif } from '../../ai-pipeline/imaging/exif';
import { hammingDistance, perceptualHash } from '../../ai-pipeline/imaging/perceptual-hash';
import { DEMO_BIB_TITLE, DEMO_PHOTO_COUNT, DEMO_START_LIST, planDemoPhotos, renderDemoPhoto } from './demo-photos';

describe('demo photos', () => {
  const plans = planDemoPhotos();

  it('plans the same set for the same seed, another for another seed', () => {
    expect(planDemoPhotos()).toEqual(plans);
    expect(planDemoPhotos({ seed: 7 })).not.toEqual(plans);
    expect(plans).toHaveLength(DEMO_PHOTO_COUNT);
    expect(new Set(plans.map((plan) => plan.filename)).size).toBe(plans.length);
  });

  it('shows bibs of the start list (every runner at least once), runners from behind, near-duplicates and blurred photos', () => {
    const registered = new Set(DEMO_START_LIST.map((runner) => runner.bib));
    const shown = plans.flatMap((plan) => plan.bibs);
    expect(shown.filter((bib) => !registered.has(bib))).toEqual([]);
    expect(new Set(shown)).toEqual(registered);
    expect(plans.filter((plan) => plan.kind === 'bibs').every((plan) => plan.bibs.length >= 1 && plan.bibs.length <= 3)).toBe(true);

    const noBib = plans.filter((plan) => plan.kind === 'no-bib');
    expect(noBib.length).toBeGreaterThanOrEqual(4);
    expect(noBib.every((plan) => plan.bibs.length === 0)).toBe(true);
    expect(plans.filter((plan) => plan.kind === 'blurred')).toHaveLength(2);

    const duplicates = plans.filter((plan) => plan.kind === 'near-duplicate');
    expect(duplicates.length).toBeGreaterThanOrEqual(2);
    for (const duplicate of duplicates) {
      const original = plans[plans.indexOf(duplicate) - 1];
      expect(duplicate).toMatchObject({ duplicateOf: original.filename, bibs: original.bibs });
    }
  });

  it('spreads capture times over the race morning, in shooting order', () => {
    const times = plans.map((plan) => plan.takenAt);
    expect([...times].sort()).toEqual(times);
    expect(times[0] >= '2026:03:22 09:00:00' && times[times.length - 1] <= '2026:03:22 12:00:00').toBe(true);
  });

  it('never prints a digit outside the bib numbers', () => {
    expect(DEMO_BIB_TITLE).not.toMatch(/\d/);
  });

  it('renders a 2400 × 1600 JPEG with its EXIF capture time, the same bytes every time', async () => {
    const first = plans[0];
    const jpeg = await renderDemoPhoto(first);
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 2400, height: 1600 });
    // "2026:03:22 09:08:58", Paris time in March: UTC+1.
    const takenAt = new Date(`${first.takenAt.replace(/^(\d+):(\d+):(\d+) /, '$1-$2-$3T')}+01:00`);
    expect(await readExif(jpeg)).toMatchObject({ takenAt, takenAtHasOffset: true, camera: 'Canon EOS R6' });
    expect((await renderDemoPhoto(first)).equals(jpeg)).toBe(true);
  });

  it('gives the pipeline what it flags: near-duplicates hash close, other photos far apart, blurred ones score blurry', async () => {
    // Hashes and blur scores are taken on a downscaled copy whatever the size: a small rendering measures the same.
    const size = { width: 600, height: 400 };
    const measured = await Promise.all(
      plans.map(async (plan) => {
        const jpeg = await renderDemoPhoto(plan, size);
        return { plan, hash: await perceptualHash(jpeg), blur: await blurScore(jpeg) };
      }),
    );
    for (const [i, a] of measured.entries()) {
      for (const b of measured.slice(i + 1)) {
        const distance = hammingDistance(a.hash, b.hash);
        if (b.plan.duplicateOf === a.plan.filename) expect({ pair: [a.plan.filename, b.plan.filename], close: distance <= 6 }).toEqual({ pair: [a.plan.filename, b.plan.filename], close: true });
        else expect({ pair: [a.plan.filename, b.plan.filename], far: distance > 8 }).toEqual({ pair: [a.plan.filename, b.plan.filename], far: true });
      }
    }
    for (const { plan, blur } of measured) {
      expect({ photo: plan.filename, blurry: blur < DEFAULT_BLUR_THRESHOLD }).toEqual({ photo: plan.filename, blurry: plan.kind === 'blurred' });
    }
  }, 60_000);
});
