import { MAX_SCALE, ZoomPan } from './zoom-pan';

describe('ZoomPan', () => {
  let zoom: ZoomPan;

  beforeEach(() => {
    zoom = new ZoomPan();
    zoom.setStage(400, 800);
  });

  const drag = (id: number, from: { x: number; y: number }, to: { x: number; y: number }, at = 1000) => {
    zoom.down(id, from);
    zoom.move(id, to);
    return zoom.up(id, to, at);
  };

  it('turns a horizontal swipe at normal size into next (leftwards) or previous (rightwards)', () => {
    expect(drag(1, { x: 100, y: 0 }, { x: -20, y: 10 })).toBe('next');
    expect(drag(1, { x: -100, y: 0 }, { x: 20, y: -10 })).toBe('previous');
  });

  it('ignores short or mostly vertical moves', () => {
    expect(drag(1, { x: 0, y: 0 }, { x: 30, y: 0 })).toBeNull();
    expect(drag(1, { x: 0, y: 0 }, { x: 60, y: 120 })).toBeNull();
  });

  it('zooms in at a double-tap and back out at the next one', () => {
    expect(drag(1, { x: 50, y: 50 }, { x: 50, y: 50 }, 1000)).toBeNull();
    expect(drag(1, { x: 52, y: 50 }, { x: 52, y: 50 }, 1200)).toBeNull();
    expect(zoom.zoomed()).toBe(true);
    drag(1, { x: 0, y: 0 }, { x: 0, y: 0 }, 2000);
    drag(1, { x: 0, y: 0 }, { x: 0, y: 0 }, 2100);
    expect(zoom.zoomed()).toBe(false);
  });

  it('does not take two slow taps for a double-tap', () => {
    drag(1, { x: 0, y: 0 }, { x: 0, y: 0 }, 1000);
    drag(1, { x: 0, y: 0 }, { x: 0, y: 0 }, 1500);
    expect(zoom.zoomed()).toBe(false);
  });

  it('pans instead of swiping while zoomed, and never past the photo’s edge', () => {
    zoom.zoomTo(2);
    expect(drag(1, { x: 0, y: 0 }, { x: 150, y: 0 })).toBeNull();
    expect(zoom.transform()).toBe('translate(150px, 0px) scale(2)');
    // At 2x a 400 px wide stage can move 200 px either way.
    drag(1, { x: 0, y: 0 }, { x: 500, y: 0 });
    expect(zoom.transform()).toBe('translate(200px, 0px) scale(2)');
  });

  it('pinches between two fingers, within the zoom limits', () => {
    zoom.down(1, { x: -50, y: 0 });
    zoom.down(2, { x: 50, y: 0 });
    zoom.move(2, { x: 150, y: 0 });
    expect(zoom.scale()).toBeCloseTo(2);
    zoom.move(2, { x: 2000, y: 0 });
    expect(zoom.scale()).toBe(MAX_SCALE);
    // Lifting the fingers after a pinch is not a swipe.
    expect(zoom.up(2, { x: 2000, y: 0 })).toBeNull();
    expect(zoom.up(1, { x: -50, y: 0 })).toBeNull();
  });

  it('keeps the point under the cursor in place when zooming with the wheel', () => {
    zoom.zoomBy(2, { x: 100, y: 100 });
    // The point 100 px right of centre stays there: offset = 100 - 100 * 2 = -100.
    expect(zoom.transform()).toBe('translate(-100px, -100px) scale(2)');
    zoom.zoomBy(0.1);
    expect(zoom.transform()).toBe('translate(0px, 0px) scale(1)');
  });
});
