import type { BibReading } from './bib-reader';
import { bibNumbersInText, bibReadingsFromText, keepConfident, mergeReadings } from './bib-filters';

const box = { x: 1, y: 2, w: 3, h: 4 };
const reading = (number: string, confidence: number): BibReading => ({ number, confidence, box });

describe('bibNumbersInText', () => {
  it('keeps 2–6 digit runs, leading zeros included', () => {
    expect(bibNumbersInText('0891')).toEqual(['0891']);
    expect(bibNumbersInText('No.3638 run')).toEqual(['3638']);
    expect(bibNumbersInText('12 345678')).toEqual(['12', '345678']);
  });

  it('drops single digits and runs longer than six digits', () => {
    expect(bibNumbersInText('7')).toEqual([]);
    expect(bibNumbersInText('0612345678')).toEqual([]);
  });

  it('keeps year-like numbers, because real bibs include 2001 or 1962', () => {
    expect(bibNumbersInText('2001')).toEqual(['2001']);
  });
});

describe('mergeReadings', () => {
  it('keeps one reading per number, the most confident, sorted by confidence', () => {
    const merged = mergeReadings([reading('3638', 0.7), reading('42', 0.95), reading('3638', 0.9)]);
    expect(merged.map((r) => [r.number, r.confidence])).toEqual([
      ['42', 0.95],
      ['3638', 0.9],
    ]);
  });
});

describe('keepConfident', () => {
  it('keeps readings at or above the cut-off', () => {
    expect(keepConfident([reading('11', 0.79), reading('22', 0.8)], 0.8).map((r) => r.number)).toEqual(['22']);
  });
});

describe('bibReadingsFromText', () => {
  it('turns OCR lines into filtered, de-duplicated readings with their boxes', () => {
    const readings = bibReadingsFromText(
      [
        { text: '3638', confidence: 0.99, box },
        { text: 'MARATHON 2011', confidence: 0.6, box },
        { text: '3638', confidence: 0.7, box },
        { text: '512', confidence: 0.3, box },
      ],
      0.5,
    );
    expect(readings).toEqual([reading('3638', 0.99), reading('2011', 0.6)]);
  });
});
