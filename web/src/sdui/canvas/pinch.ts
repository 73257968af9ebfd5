/**
 * Two-finger pinch from Pointer Events: the first two touch pointers down make a pinch; its
 * scale is their distance over the distance when it started, its center their midpoint. It
 * ends when either of the two lifts (a third finger is ignored).
 */
export interface PinchEvent {
  phase: "start" | "move" | "end";
  /** Distance now / distance at the start (1 at the start). */
  scale: number;
  /** Midpoint of the two pointers, in the coordinates they were given in. */
  x: number;
  y: number;
}

interface Point {
  x: number;
  y: number;
}

export class PinchTracker {
  #points = new Map<number, Point>();
  #pair: [number, number] | null = null;
  #startDistance = 1;
  #last: PinchEvent | null = null;

  get active(): boolean {
    return this.#pair !== null;
  }

  /** A touch pointer went down; answers the pinch's start when it is the second one. */
  down(id: number, p: Point): PinchEvent | null {
    this.#points.set(id, p);
    if (this.#pair || this.#points.size !== 2) return null;
    const [a, b] = [...this.#points.keys()] as [number, number];
    this.#pair = [a, b];
    this.#startDistance = Math.max(1, this.#distance());
    return (this.#last = { phase: "start", scale: 1, ...this.#center() });
  }

  /** A touch pointer moved; answers the pinch's move when it is one of the pair. */
  move(id: number, p: Point): PinchEvent | null {
    if (!this.#points.has(id)) return null;
    this.#points.set(id, p);
    if (!this.#pair?.includes(id)) return null;
    return (this.#last = { phase: "move", scale: this.#distance() / this.#startDistance, ...this.#center() });
  }

  /** A touch pointer lifted (or was cancelled); answers the pinch's end when it was one of the pair. */
  up(id: number): PinchEvent | null {
    const inPair = this.#pair?.includes(id) ?? false;
    const end = inPair && this.#last ? { ...this.#last, phase: "end" as const } : null;
    this.#points.delete(id);
    if (inPair) {
      this.#pair = null;
      this.#last = null;
    }
    return end;
  }

  #distance(): number {
    const [a, b] = this.#pair!.map((id) => this.#points.get(id)!) as [Point, Point];
    return Math.hypot(a.x - b.x, a.y - b.y);
  }

  #center(): Point {
    const [a, b] = this.#pair!.map((id) => this.#points.get(id)!) as [Point, Point];
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }
}
