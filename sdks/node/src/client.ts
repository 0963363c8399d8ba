import { randomUUID } from 'node:crypto';
import { queuedEvent, type QueuedEvent, type RequestRecord } from './event.js';
import { resolveOptions, type ResolvedOptions, type SentinelOptions } from './options.js';
import { parseRetryAfter, retryDelayMs } from './retry.js';
import { serializeBatch } from './serialize.js';
import { Transport, type PostResult } from './transport.js';

/** Counters an app can read (and export to its own metrics). */
export interface SentinelStats {
  /** Requests recorded (after sampling and exclusions). */
  captured: number;
  /** Events Sentinel accepted (202). */
  sent: number;
  /** Events Sentinel rejected as invalid (named in its 202 or 400 answer). */
  rejected: number;
  /** Events lost: buffer overflow (oldest first), a key Sentinel refused, or still unsent when close() timed out. */
  dropped: number;
  /** POSTs repeated after a 429, 5xx, timeout or network error. */
  retried: number;
  /** Requests skipped by sampleRate. */
  sampledOut: number;
  /** POST attempts that did not end in a 2xx answer (network error, timeout, 4xx, 5xx); each retry counts again. */
  sendFailures: number;
  /** Request bytes written to Sentinel, as sent (gzipped when gzip is on), retries included; headers not counted. */
  bytesSent: number;
  /** Events in memory now (waiting and in flight). */
  buffered: number;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Batches request records and posts them to Sentinel: by size and by time, gzip, a bounded buffer that drops the
 * oldest, up to maxConcurrentSends batches in flight, each keeping its event ids across its own retries (Sentinel
 * deduplicates by id) with its own exponential backoff and jitter that honours Retry-After. Nothing here throws into
 * the caller.
 */
export class SentinelClient {
  readonly options: ResolvedOptions;
  private readonly transport: Transport;
  private queue: QueuedEvent[] = [];
  /** Events in the batches being sent (they count against maxBufferSize). */
  private inFlight = 0;
  /** The batches being sent, each until Sentinel took it or it was given up. */
  private readonly sends = new Set<Promise<void>>();
  /** The next dispatch, waiting for the event loop's next turn. */
  private dispatching: Promise<void> | undefined;
  private flushRequested = false;
  private closing = false;
  private giveUpAt = Infinity;
  /** Per batch: ends its wait for a retry, and aborts its POST, when close() times out. */
  private readonly wakes = new Set<() => void>();
  private readonly aborters = new Set<AbortController>();
  private readonly timer: NodeJS.Timeout;
  private readonly counters = { captured: 0, sent: 0, rejected: 0, dropped: 0, retried: 0, sampledOut: 0, sendFailures: 0 };
  private readonly detachShutdown: () => void;
  private lastDropLog = -Infinity;

  constructor(options: SentinelOptions) {
    this.options = resolveOptions(options);
    this.transport = new Transport(`${this.options.endpoint}/v1/events/batch`, this.options.key, this.options.requestTimeoutMs, this.options.gzip, this.options.maxConcurrentSends);
    this.timer = setInterval(() => this.kick(true), this.options.flushIntervalMs);
    this.timer.unref();
    this.detachShutdown = this.options.handleShutdown ? attachShutdown(this) : () => {};
  }

  /** True when the request at `path` should be recorded (exclusions, then sampling). */
  shouldRecord(path: string): boolean {
    for (const rule of this.options.excludePaths) {
      if (typeof rule === 'string' ? path === rule || path.startsWith(rule.endsWith('/') ? rule : `${rule}/`) : rule.test(path)) return false;
    }
    if (this.options.sampleRate < 1 && Math.random() >= this.options.sampleRate) {
      this.counters.sampledOut++;
      return false;
    }
    return true;
  }

  /** Queues one finished request. Never throws; never blocks on the network. */
  capture(record: RequestRecord): void {
    try {
      if (this.closing) return;
      const ts = record.timestamp;
      this.enqueue(queuedEvent(record, ts === undefined ? Date.now() : ts instanceof Date ? ts.getTime() : ts, record.environment ?? this.options.environment));
    } catch (error) {
      this.options.logger.error(`sentinel: could not record a request: ${String(error)}`);
    }
  }

  /**
   * @internal The Express middleware's way in: an event already in the buffer's shape, taken as it is (no copy).
   * The bound: when full, the oldest waiting event is dropped and counted.
   */
  enqueue(event: QueuedEvent): void {
    try {
      if (this.closing) return;
      if (this.queue.length + this.inFlight >= this.options.maxBufferSize) {
        if (this.queue.length === 0) {
          this.drop(1, 'the buffer is full');
          return;
        }
        this.queue.shift();
        this.drop(1, 'the buffer is full');
      }
      this.queue.push(event);
      this.counters.captured++;
      if (this.queue.length >= this.options.maxBatchSize) this.kick(false);
    } catch (error) {
      this.options.logger.error(`sentinel: could not record a request: ${String(error)}`);
    }
  }

  stats(): SentinelStats {
    return { ...this.counters, bytesSent: this.transport.bytesSent, buffered: this.queue.length + this.inFlight };
  }

  /** Sends everything buffered now; resolves when the buffer is empty and no batch is in flight (or sends gave up). */
  async flush(): Promise<void> {
    this.kick(true);
    await this.idle();
  }

  /** Until nothing is scheduled and every batch in flight has ended (a finished send may dispatch the next ones). */
  private async idle(): Promise<void> {
    for (;;) {
      if (this.dispatching) await this.dispatching;
      else if (this.sends.size > 0) await Promise.all(this.sends);
      else return;
    }
  }

  /**
   * Stops recording, sends what is buffered for at most `timeoutMs` (default shutdownTimeoutMs), then frees the
   * connection. What is still unsent then is counted as dropped.
   */
  async close(timeoutMs: number = this.options.shutdownTimeoutMs): Promise<void> {
    if (this.closing) {
      await this.idle();
      return;
    }
    this.closing = true;
    this.giveUpAt = Date.now() + timeoutMs;
    clearInterval(this.timer);
    this.detachShutdown();
    // At the deadline: every batch stops waiting for a retry and aborts its request in flight.
    const deadline = setTimeout(() => {
      for (const wake of [...this.wakes]) wake();
      for (const aborter of this.aborters) aborter.abort();
    }, timeoutMs);
    deadline.unref();
    try {
      await this.flush();
    } finally {
      clearTimeout(deadline);
      if (this.queue.length > 0) this.drop(this.queue.splice(0).length, 'close() timed out');
      this.transport.close();
    }
  }

  private kick(timeOrFlush: boolean): void {
    if (timeOrFlush) this.flushRequested = true;
    if (this.dispatching || this.queue.length === 0 || this.sends.size >= this.options.maxConcurrentSends) return;
    // Serialising a batch waits for the event loop's next turn, so it never runs inside a request's own callbacks.
    this.dispatching = new Promise<void>((resolve) =>
      setImmediate(() => {
        this.dispatching = undefined;
        this.dispatch();
        resolve();
      }),
    );
  }

  /** Starts batches while a send slot is free and a full batch waits (or any batch, when a flush was asked for). */
  private dispatch(): void {
    while (
      this.sends.size < this.options.maxConcurrentSends &&
      this.queue.length > 0 &&
      (this.flushRequested || this.queue.length >= this.options.maxBatchSize) &&
      !(this.closing && Date.now() >= this.giveUpAt)
    ) {
      if (this.queue.length <= this.options.maxBatchSize) this.flushRequested = false;
      const batch = this.queue.splice(0, this.options.maxBatchSize);
      this.inFlight += batch.length;
      const sending: Promise<void> = this.send(batch)
        .catch((error: unknown) => this.drop(batch.length, `unexpected error ${String(error)}`))
        .finally(() => {
          this.inFlight -= batch.length;
          this.sends.delete(sending);
          // A slot is free: what filled up (or was asked to flush) meanwhile goes next.
          if (this.queue.length >= this.options.maxBatchSize || this.flushRequested) this.kick(false);
        });
      this.sends.add(sending);
    }
  }

  /** Posts one batch until Sentinel answers for good; the JSON (and so every event id) is the same on each attempt. */
  private async send(batch: QueuedEvent[]): Promise<void> {
    // Ids are given here, once: a retry or a 413 half re-sends events that already have theirs.
    for (const event of batch) event.id ??= randomUUID();
    const json = serializeBatch(batch);
    for (let attempt = 0; ; attempt++) {
      let result: PostResult | undefined;
      let failure: string;
      const aborter = new AbortController();
      this.aborters.add(aborter);
      try {
        if (Date.now() >= this.giveUpAt) aborter.abort();
        result = await this.transport.post(json, aborter.signal);
        failure = `HTTP ${result.status}`;
      } catch (error) {
        failure = (error as Error).message ?? String(error);
      } finally {
        this.aborters.delete(aborter);
      }
      if (result && result.status >= 200 && result.status < 300) {
        this.accepted(result, batch.length);
        return;
      }
      this.counters.sendFailures++;
      if (result && result.status === 413 && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await this.send(batch.slice(0, half));
        await this.send(batch.slice(half));
        return;
      }
      if (result && !RETRYABLE.has(result.status)) {
        this.refused(result, batch.length);
        return;
      }
      const delay = retryDelayMs(attempt, this.options.retryBaseMs, this.options.retryMaxMs, parseRetryAfter(result?.retryAfter));
      if (Date.now() + delay > this.giveUpAt) {
        this.drop(batch.length, `Sentinel did not take the batch before close() timed out (${failure})`);
        return;
      }
      this.counters.retried++;
      this.options.logger.debug?.(`sentinel: ${failure}; retrying ${batch.length} events in ${delay} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(t);
          this.wakes.delete(wake);
          resolve();
        };
        const t = setTimeout(wake, delay);
        this.wakes.add(wake);
      });
    }
  }

  private accepted(result: PostResult, count: number): void {
    try {
      const body = JSON.parse(result.body) as { accepted?: number; rejected?: number };
      this.counters.sent += body.accepted ?? count;
      if (body.rejected) {
        this.counters.rejected += body.rejected;
        this.options.logger.warn(`sentinel: ${body.rejected} events rejected: ${result.body.slice(0, 500)}`);
      }
    } catch {
      this.counters.sent += count;
    }
  }

  private refused(result: PostResult, count: number): void {
    if (result.status === 400 || result.status === 413) {
      this.counters.rejected += count;
      this.options.logger.warn(`sentinel: ${count} events rejected (HTTP ${result.status}): ${result.body.slice(0, 500)}`);
    } else {
      this.drop(count, `Sentinel refused the batch with HTTP ${result.status}${result.status === 401 || result.status === 403 ? ' (check the ingest key)' : ''}`);
    }
  }

  private drop(count: number, reason: string): void {
    this.counters.dropped += count;
    // A full buffer drops on every request: one line per 10 s is enough, the counter has the total.
    const now = Date.now();
    if (now - this.lastDropLog >= 10_000) {
      this.lastDropLog = now;
      this.options.logger.warn(`sentinel: dropped ${count} events: ${reason} (${this.counters.dropped} dropped so far)`);
    }
  }
}

/** Flush on beforeExit and on SIGTERM/SIGINT; re-raise the signal afterwards when the app does not handle it itself. */
function attachShutdown(client: SentinelClient): () => void {
  const onBeforeExit = () => {
    if (client.stats().buffered > 0) void client.flush();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    detach();
    void client.close().finally(() => {
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  const detach = () => {
    process.off('beforeExit', onBeforeExit);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
  process.on('beforeExit', onBeforeExit);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return detach;
}
