import { BibSource } from '@focus-racer/api-types';
import type { BibReading } from '../../ai-pipeline/recognition/bib-reader';
import { createStartListSnapper } from '../../ai-pipeline/recognition/start-list-snapper';
import { planResnap, StoredBibRow } from './resnap-plan';

const box = { x: 10, y: 20, w: 30, h: 40 };
const reading = (number: string, confidence: number): BibReading => ({ number, confidence, box });
const row = (photoId: string, number: string, confidence: number, source = BibSource.OCR): StoredBibRow => ({ photoId, number, confidence, box, source });

describe('planResnap', () => {
  const snap = createStartListSnapper(['4821', '1234']);

  it('rewrites a photo whose readings snap differently, and leaves alone one whose rows already match', () => {
    const plan = planResnap(
      [
        { photoId: 'p1', readings: [reading('4828', 0.8), reading('777', 0.9)] },
        { photoId: 'p2', readings: [reading('1234', 0.95)] },
      ],
      [row('p1', '4828', 0.8), row('p1', '777', 0.9), row('p2', '1234', 0.95)],
      snap,
    );
    expect(plan).toEqual([{ photoId: 'p1', rows: [reading('4821', 0.8 * 0.9)], supersededFaceLinks: [] }]);
  });

  it('keeps a number typed by the photographer out of the OCR rows, without counting it as a change', () => {
    const photos = [{ photoId: 'p1', readings: [reading('4821', 0.9)] }];
    expect(planResnap(photos, [row('p1', '4821', 1, BibSource.MANUAL)], snap)).toEqual([]);
    expect(planResnap(photos, [row('p1', '4821', 1, BibSource.MANUAL), row('p1', '9', 0.5)], snap)).toEqual([
      { photoId: 'p1', rows: [], supersededFaceLinks: [] },
    ]);
  });

  it('drops a face-carried number that OCR now reads on the photo', () => {
    const plan = planResnap([{ photoId: 'p1', readings: [reading('4821', 0.9)] }], [row('p1', '4821', 0.9), row('p1', '4821', 0.7, BibSource.FACE_LINK)], snap);
    expect(plan).toEqual([{ photoId: 'p1', rows: [reading('4821', 0.9)], supersededFaceLinks: ['4821'] }]);
  });

  it('tolerates the float4 rounding of stored confidences', () => {
    expect(planResnap([{ photoId: 'p1', readings: [reading('1234', 0.87)] }], [row('p1', '1234', Math.fround(0.87))], snap)).toEqual([]);
  });

  it('restores raw readings when the list is emptied', () => {
    const plan = planResnap([{ photoId: 'p1', readings: [reading('4828', 0.8)] }], [row('p1', '4821', 0.72)], (readings) => [...readings]);
    expect(plan).toEqual([{ photoId: 'p1', rows: [reading('4828', 0.8)], supersededFaceLinks: [] }]);
  });
});
