// The events waiting to be sent: batches by size and by age, with timestamps kept non-decreasing.
import { MAX_EVENTS_PER_BATCH, type WireEvent } from './wire';

export interface QueueOptions {
  /** Send as soon as this many events wait. */
  maxEvents: number;
  /** Send when the oldest waiting event is this old (ms), however few events wait. */
  maxDelayMs: number;
  /** Beyond this many waiting events (the server is unreachable) the oldest are dropped: memory stays bounded. */
  maxQueued: number;
}

// 200 events or one second: a 60 Hz mouse fills a second with ~60 samples, a 1000 Hz one (coalesced samples kept)
// reaches 200 in 0.2 s. Each fetch costs the page ~0.4 ms of main thread, so batches are not made smaller.
export const DEFAULT_QUEUE: QueueOptions = { maxEvents: 200, maxDelayMs: 1000, maxQueued: 5000 };

export class EventQueue {
  private events: WireEvent[] = [];
  private firstQueuedAt: number | null = null;
  private lastT = 0;
  private lastMove: WireEvent | null = null;
  /** Events dropped because the queue was full, for the page's diagnostics. */
  dropped = 0;

  constructor(private readonly options: QueueOptions = DEFAULT_QUEUE) {}

  get length(): number {
    return this.events.length;
  }

  /**
   * Adds an event, clamping its timestamp to the last one: the server wants t non-decreasing, and a key event's
   * hardware timestamp can be a little older than a pointer sample delivered before it. An exact repeat of the last
   * pointer sample (same place, same time) carries no information and is skipped; every other sample is kept,
   * because the physics models read the device's own report rate from the intervals.
   */
  push(event: WireEvent, now: number): void {
    event.t = Math.max(round2(event.t), this.lastT);
    this.lastT = event.t;
    if (event.type === 'mousemove') {
      const last = this.lastMove;
      if (last && last.t === event.t && last.x === event.x && last.y === event.y) return;
      this.lastMove = event;
    }

    if (this.events.length === 0) this.firstQueuedAt = now;
    this.events.push(event);
    if (this.events.length > this.options.maxQueued) {
      const excess = this.events.length - this.options.maxQueued;
      this.events.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** Whether a batch should leave now: enough events, or the oldest has waited long enough. */
  due(now: number): boolean {
    if (this.events.length === 0) return false;
    return this.events.length >= this.options.maxEvents || now - (this.firstQueuedAt ?? now) >= this.options.maxDelayMs;
  }

  /** Milliseconds until the age limit makes the queue due (0 if it already is), or null when it is empty. */
  msUntilDue(now: number): number | null {
    if (this.events.length === 0) return null;
    if (this.due(now)) return 0;
    return this.options.maxDelayMs - (now - (this.firstQueuedAt ?? now));
  }

  /** Removes and returns the oldest events, at most `max` (and never more than the server accepts). */
  take(max: number, now: number): WireEvent[] {
    const batch = this.events.splice(0, Math.min(max, MAX_EVENTS_PER_BATCH));
    this.firstQueuedAt = this.events.length > 0 ? now : null;
    return batch;
  }

  /** Puts a batch back at the head (it was too large for the server and will be sent in smaller parts). */
  unshift(batch: WireEvent[], now: number): void {
    if (batch.length === 0) return;
    this.events = batch.concat(this.events);
    this.firstQueuedAt ??= now;
  }

  clear(): void {
    this.events = [];
    this.firstQueuedAt = null;
  }
}

function round2(t: number): number {
  return Math.round(t * 100) / 100;
}
