// Sends the queue to Sentinel one batch at a time (batches stay in order), retries, and keeps the last action.
// No DOM here: the browser's fetch, timers and clock are passed in, so node's test runner can drive it.
import { EventQueue, type QueueOptions, DEFAULT_QUEUE } from './queue';
import { DEFAULT_RETRY, outcomeOf, parseRetryAfter, retryDelay, type RetryOptions } from './retry';
import { isAction, MAX_EVENTS_PER_BATCH, type Action, type Batch, type WireEvent } from './wire';

export interface Answer {
  /** HTTP status, 0 when the request failed without one. */
  status: number;
  retryAfter: string | null;
  action: Action | null;
}

export interface ClientDeps {
  post(body: string): Promise<Answer>;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Monotonic milliseconds (performance.now in the browser). */
  now(): number;
  /** Wall clock milliseconds, for Retry-After dates. */
  epochNow(): number;
  random(): number;
  onAction?: (action: Action) => void;
}

export class Client {
  readonly queue: EventQueue;
  private action: Action | null = null;
  private current: WireEvent[] | null = null;
  private inFlight = false;
  private stopped = false;
  private attempt = 0;
  private batchSize: number;
  private timer: unknown = null;
  private timerAt = Infinity;
  private waiters: Array<(action: Action | null) => void> = [];
  /** Batches given up on (after too many failures, or refused as malformed). */
  droppedBatches = 0;

  constructor(
    private readonly session: { sessionId: string; userId?: string },
    private readonly deps: ClientDeps,
    queueOptions: QueueOptions = DEFAULT_QUEUE,
    private readonly retry: RetryOptions = DEFAULT_RETRY,
  ) {
    this.queue = new EventQueue(queueOptions);
    this.batchSize = queueOptions.maxEvents;
  }

  getAction(): Action | null {
    return this.action;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Called from every listener: cheap unless a batch becomes due. The event's own timestamp (performance.now()'s
   * clock) serves as "now": reading performance.now() for every pointer sample was the largest single cost in a
   * Chromium profile of the collector.
   */
  record(event: WireEvent): void {
    if (this.stopped) return;
    const now = event.t;
    this.queue.push(event, now);
    if (this.current !== null) return; // a batch is on the wire or waiting to be retried: this one follows it
    if (this.queue.due(now) || this.queue.length >= this.batchSize) {
      void this.pump();
    } else if (this.timer === null) {
      // The first event of a new batch sets the one timer that sends it when it is old enough.
      this.wakeIn(this.queue.msUntilDue(now));
    }
  }

  /** Sends everything waiting now; resolves with the action once the queue is empty (or given up on). */
  flush(): Promise<Action | null> {
    if (this.stopped || (this.queue.length === 0 && this.current === null)) return Promise.resolve(this.action);
    const done = new Promise<Action | null>((resolve) => this.waiters.push(resolve));
    if (!this.inFlight && this.timerAt - this.deps.now() > 0 && this.attempt === 0) {
      void this.pump(true);
    }
    return done;
  }

  /**
   * Bodies for navigator.sendBeacon when the page goes away: everything not yet sent, in chunks the server and the
   * beacon quota (64 KB) accept. The batch on the wire (a keepalive fetch) is left to finish on its own.
   */
  drain(maxBytes = 60000): string[] {
    const events = (this.inFlight ? [] : this.current ?? []).concat(this.queue.take(Infinity, this.deps.now()));
    while (this.queue.length > 0) events.push(...this.queue.take(Infinity, this.deps.now()));
    if (!this.inFlight) this.current = null;
    const bodies: string[] = [];
    let start = 0;
    while (start < events.length) {
      let count = Math.min(MAX_EVENTS_PER_BATCH, events.length - start);
      let body = this.body(events.slice(start, start + count));
      while (body.length > maxBytes && count > 1) {
        count = Math.ceil(count / 2);
        body = this.body(events.slice(start, start + count));
      }
      bodies.push(body);
      start += count;
    }
    return bodies;
  }

  stop(): void {
    this.stopped = true;
    this.queue.clear();
    this.current = null;
    this.cancelTimer();
    this.settle();
  }

  body(events: WireEvent[]): string {
    const batch: Batch = { sessionId: this.session.sessionId, events };
    if (this.session.userId !== undefined) batch.userId = this.session.userId;
    return JSON.stringify(batch);
  }

  private async pump(force = false): Promise<void> {
    if (this.inFlight || this.stopped) return;
    this.cancelTimer();
    if (this.current === null) {
      const ready = this.queue.due(this.deps.now()) || this.queue.length >= this.batchSize;
      if (!force && this.waiters.length === 0 && !ready) {
        this.wakeIn(this.queue.msUntilDue(this.deps.now()));
        return;
      }
      if (this.queue.length === 0) {
        this.settle();
        return;
      }
      this.current = this.queue.take(this.batchSize, this.deps.now());
    }

    this.inFlight = true;
    let answer: Answer;
    try {
      answer = await this.deps.post(this.body(this.current));
    } catch {
      answer = { status: 0, retryAfter: null, action: null };
    }
    this.inFlight = false;
    if (this.stopped) return;
    this.handle(answer);
  }

  private handle(answer: Answer): void {
    switch (outcomeOf(answer.status)) {
      case 'ok':
        this.current = null;
        this.attempt = 0;
        if (isAction(answer.action)) this.setAction(answer.action);
        return this.next();
      case 'retry': {
        this.attempt++;
        if (this.attempt >= this.retry.maxAttempts) return this.giveUp();
        const retryAfter = parseRetryAfter(answer.retryAfter, this.deps.epochNow());
        this.wakeIn(retryDelay(this.attempt, retryAfter, this.deps.random, this.retry), true);
        return;
      }
      case 'shrink':
        // 413: send the same events in halves; a single event the server still refuses is dropped.
        if (this.current !== null && this.current.length > 1) {
          this.batchSize = Math.max(1, Math.floor(this.current.length / 2));
          this.queue.unshift(this.current, this.deps.now());
          this.current = null;
          return this.next();
        }
        return this.giveUp();
      case 'drop':
        return this.giveUp();
      case 'stop':
        return this.stop();
    }
  }

  private giveUp(): void {
    this.current = null;
    this.attempt = 0;
    this.droppedBatches++;
    this.next();
  }

  private next(): void {
    if (this.queue.length === 0) {
      this.settle();
      return;
    }
    void this.pump(this.waiters.length > 0);
  }

  private setAction(action: Action): void {
    const changed = action !== this.action;
    this.action = action;
    if (changed && this.deps.onAction) {
      try {
        this.deps.onAction(action);
      } catch {
        // The page's callback must not stop the collector.
      }
    }
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(this.action);
  }

  /** One timer at a time; an earlier wake-up replaces a later one, a retry replaces any. */
  private wakeIn(ms: number | null, replace = false): void {
    if (ms === null) return;
    const at = this.deps.now() + ms;
    if (this.timer !== null && !replace && this.timerAt <= at) return;
    this.cancelTimer();
    this.timerAt = at;
    this.timer = this.deps.setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      void this.pump(true);
    }, Math.max(0, ms));
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }
}
