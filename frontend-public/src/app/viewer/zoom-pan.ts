import { computed, signal } from '@angular/core';

export const MIN_SCALE = 1;
export const MAX_SCALE = 4;
const DOUBLE_TAP_SCALE = 2.5;
/** A horizontal move longer than this, and mostly horizontal, is a swipe to the next or previous photo. */
const SWIPE_PX = 50;
const DOUBLE_TAP_MS = 300;
const DOUBLE_TAP_PX = 30;

export type SwipeDirection = 'next' | 'previous';

interface Point {
  x: number;
  y: number;
}

/**
 * The viewer's gestures on one photo, from pointer events (mouse, touch and pen alike): pinch and wheel zoom
 * around the fingers or cursor, drag to pan while zoomed, double-tap to zoom in or back out, and a swipe (only
 * at normal size, where a drag has nothing to pan) to step through the photos. Coordinates are relative to the
 * stage's centre; the stage size bounds the pan so the photo never leaves the screen.
 */
export class ZoomPan {
  readonly scale = signal(MIN_SCALE);
  private readonly offset = signal<Point>({ x: 0, y: 0 });
  readonly zoomed = computed(() => this.scale() > MIN_SCALE);
  readonly transform = computed(() => {
    const { x, y } = this.offset();
    return `translate(${x}px, ${y}px) scale(${this.scale()})`;
  });

  private stage = { width: 0, height: 0 };
  private readonly pointers = new Map<number, Point>();
  private gestureStart: Point | null = null;
  private pinch: { distance: number; scale: number } | null = null;
  private lastTap: { at: number; point: Point } | null = null;

  setStage(width: number, height: number): void {
    this.stage = { width, height };
    this.offset.set(this.clamp(this.offset(), this.scale()));
  }

  reset(): void {
    this.scale.set(MIN_SCALE);
    this.offset.set({ x: 0, y: 0 });
    this.pointers.clear();
    this.pinch = null;
    this.gestureStart = null;
  }

  /** Zooms by `factor` keeping `at` (stage-centred coordinates; the centre by default) where it is. */
  zoomBy(factor: number, at: Point = { x: 0, y: 0 }): void {
    this.zoomTo(this.scale() * factor, at);
  }

  zoomTo(scale: number, at: Point = { x: 0, y: 0 }): void {
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
    const ratio = next / this.scale();
    const { x, y } = this.offset();
    this.scale.set(next);
    this.offset.set(this.clamp({ x: at.x - (at.x - x) * ratio, y: at.y - (at.y - y) * ratio }, next));
  }

  /** Double-click or double-tap: in to a useful size around the point, or back to the whole photo. */
  toggleZoom(at: Point): void {
    if (this.zoomed()) this.zoomTo(MIN_SCALE);
    else this.zoomTo(DOUBLE_TAP_SCALE, at);
  }

  down(id: number, point: Point): void {
    this.pointers.set(id, point);
    if (this.pointers.size === 1) {
      this.gestureStart = point;
    } else if (this.pointers.size === 2) {
      // A second finger turns the gesture into a pinch; it can no longer be a swipe or a tap.
      this.gestureStart = null;
      this.pinch = { distance: this.spread(), scale: this.scale() };
    }
  }

  move(id: number, point: Point): void {
    const previous = this.pointers.get(id);
    if (!previous) return;
    this.pointers.set(id, point);
    if (this.pinch && this.pointers.size === 2) {
      this.zoomTo((this.pinch.scale * this.spread()) / Math.max(1, this.pinch.distance), this.midpoint());
    } else if (this.pointers.size === 1 && this.zoomed()) {
      const { x, y } = this.offset();
      this.offset.set(this.clamp({ x: x + point.x - previous.x, y: y + point.y - previous.y }, this.scale()));
    }
  }

  /** The gesture's outcome when the last finger lifts: a swipe to another photo, or nothing. */
  up(id: number, point: Point, at = Date.now()): SwipeDirection | null {
    if (!this.pointers.delete(id)) return null;
    if (this.pointers.size > 0) return null;
    this.pinch = null;
    const start = this.gestureStart;
    this.gestureStart = null;
    if (!start) return null;
    const dx = point.x - start.x;
    const dy = point.y - start.y;
    if (!this.zoomed() && Math.abs(dx) > SWIPE_PX && Math.abs(dx) > Math.abs(dy) * 1.5) {
      this.lastTap = null;
      return dx < 0 ? 'next' : 'previous';
    }
    if (Math.hypot(dx, dy) < DOUBLE_TAP_PX) this.tap(point, at);
    return null;
  }

  cancel(id: number): void {
    this.pointers.delete(id);
    if (this.pointers.size === 0) {
      this.pinch = null;
      this.gestureStart = null;
    }
  }

  private tap(point: Point, at: number): void {
    const last = this.lastTap;
    if (last && at - last.at < DOUBLE_TAP_MS && Math.hypot(point.x - last.point.x, point.y - last.point.y) < DOUBLE_TAP_PX) {
      this.lastTap = null;
      this.toggleZoom(point);
    } else {
      this.lastTap = { at, point };
    }
  }

  private clamp(point: Point, scale: number): Point {
    const maxX = (this.stage.width * (scale - 1)) / 2;
    const maxY = (this.stage.height * (scale - 1)) / 2;
    return { x: Math.min(maxX, Math.max(-maxX, point.x)), y: Math.min(maxY, Math.max(-maxY, point.y)) };
  }

  private spread(): number {
    const [a, b] = [...this.pointers.values()];
    return Math.hypot(a.x - b.x, a.y - b.y);
  }

  private midpoint(): Point {
    const [a, b] = [...this.pointers.values()];
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }
}
