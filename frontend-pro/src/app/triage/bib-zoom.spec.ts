import { bibZoom } from './bib-zoom';

describe('bibZoom', () => {
  it('grows the box by a margin around its centre and crops the web image to it without distortion', () => {
    const zoom = bibZoom({ x: 0.4, y: 0.5, w: 0.1, h: 0.08 }, 1600, 1000);
    expect(zoom.box.x).toBeCloseTo(0.365);
    expect(zoom.box.w).toBeCloseTo(0.17);
    expect(zoom.box.y).toBeCloseTo(0.472);
    expect(zoom.box.h).toBeCloseTo(0.136);
    // The zoom's shape is the grown box's shape in pixels, so the image scaled by 1/w and 1/h keeps its proportions.
    expect(zoom.aspect).toBe(2);
    expect(zoom.image).toEqual({ width: '588.235%', height: '735.294%', left: '-214.706%', top: '-347.059%' });
  });

  it('keeps the zoom between square and three times wider than tall, and inside the photo', () => {
    const tall = bibZoom({ x: 0.95, y: 0.1, w: 0.04, h: 0.3 }, 1000, 1000);
    expect(tall.aspect).toBe(1);
    expect(tall.box.x + tall.box.w).toBeLessThanOrEqual(1);
    const wide = bibZoom({ x: 0, y: 0, w: 0.6, h: 0.02 }, 1000, 1000);
    expect(wide.aspect).toBe(3);
    expect(wide.box.x).toBe(0);
    expect(wide.box.y).toBe(0);
  });

  it('assumes a 3:2 photo when its size is unknown', () => {
    expect(bibZoom({ x: 0.4, y: 0.4, w: 0.1, h: 0.1 }, null, null).aspect).toBeCloseTo(1.5, 1);
  });
});
