import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, type Answer } from '../src/client';
import type { Action, Batch, WireEvent } from '../src/wire';

/** A hand-driven clock and server: every request waits in `requests` until the test answers it. */
class Harness {
  now = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;
  requests: Array<{ at: number; batch: Batch; answer: (a: Partial<Answer>) => Promise<void> }> = [];
  actions: Action[] = [];
  client: Client;

  constructor(options = { maxEvents: 3, maxDelayMs: 1000, maxQueued: 100 }) {
    this.client = new Client({ sessionId: 'session-1', userId: 'u1' }, {
      post: (body) => new Promise<Answer>((resolve) => {
        this.requests.push({
          at: this.now,
          batch: JSON.parse(body),
          answer: async (a) => { resolve({ status: 200, retryAfter: null, action: null, ...a }); await settle(); },
        });
      }),
      setTimeout: (fn, ms) => { const id = this.nextId++; this.timers.push({ at: this.now + ms, fn, id }); return id; },
      clearTimeout: (id) => { this.timers = this.timers.filter((t) => t.id !== id); },
      now: () => this.now,
      epochNow: () => 1_700_000_000_000 + this.now,
      random: () => 0,
      onAction: (action) => this.actions.push(action),
    }, options, { baseDelayMs: 500, maxDelayMs: 30000, maxAttempts: 4 });
  }

  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.now = next.at;
      next.fn();
      await settle();
    }
    this.now = end;
  }

  record(n: number): void {
    for (let i = 0; i < n; i++) this.client.record(event(this.now + i));
  }

  get last() {
    return this.requests[this.requests.length - 1];
  }
}

const event = (t: number): WireEvent => ({ t, type: 'mousemove', x: t, y: 1, isTrusted: true });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

test('a full batch leaves at once, with the session and user ids', async () => {
  const h = new Harness();
  h.record(3);
  await settle();
  assert.equal(h.requests.length, 1);
  assert.equal(h.last.batch.sessionId, 'session-1');
  assert.equal(h.last.batch.userId, 'u1');
  assert.equal(h.last.batch.events.length, 3);
});

test('a partial batch leaves after maxDelayMs', async () => {
  const h = new Harness();
  h.record(1);
  await h.advance(999);
  assert.equal(h.requests.length, 0);
  await h.advance(1);
  assert.equal(h.requests.length, 1);
  assert.equal(h.last.at, 1000);
});

test('one batch at a time: events recorded meanwhile go in the next batch, in order', async () => {
  const h = new Harness();
  h.record(3);
  await settle();
  h.record(4);
  assert.equal(h.requests.length, 1);
  await h.requests[0].answer({ action: 'ALLOW' });
  assert.equal(h.requests.length, 2);
  assert.deepEqual(h.requests.flatMap((r) => r.batch.events.map((e) => e.x)), [0, 1, 2, 0, 1, 2]);
});

test('the action is kept for getAction and onAction fires only when it changes', async () => {
  const h = new Harness();
  assert.equal(h.client.getAction(), null);
  h.record(3);
  await settle();
  await h.last.answer({ action: 'ALLOW' });
  h.record(3);
  await settle();
  await h.last.answer({ action: 'ALLOW' });
  h.record(3);
  await settle();
  await h.last.answer({ action: 'BLOCK' });
  assert.equal(h.client.getAction(), 'BLOCK');
  assert.deepEqual(h.actions, ['ALLOW', 'BLOCK']);
});

test('429 with Retry-After: the same batch is sent again no earlier than Retry-After', async () => {
  const h = new Harness();
  h.record(3);
  await settle();
  await h.last.answer({ status: 429, retryAfter: '4' });
  await h.advance(3999);
  assert.equal(h.requests.length, 1);
  await h.advance(1);
  assert.equal(h.requests.length, 2);
  assert.equal(h.last.at, 4000);
  assert.deepEqual(h.last.batch, h.requests[0].batch);
});

test('network errors and 5xx back off exponentially, then the batch is dropped after maxAttempts', async () => {
  const h = new Harness();
  h.record(3);
  await settle();
  const delays: number[] = [];
  for (let i = 0; i < 3; i++) {
    const answeredAt = h.now;
    await h.last.answer({ status: i === 0 ? 0 : 503 });
    await h.advance(60000);
    delays.push(h.last.at - answeredAt);
  }
  // random() = 0 gives the lower edge of equal jitter: 250, 500, 1000 ms.
  assert.deepEqual(delays, [250, 500, 1000]);
  assert.ok(h.requests.every((r) => JSON.stringify(r.batch) === JSON.stringify(h.requests[0].batch)));
  await h.last.answer({ status: 503 });
  await h.advance(60000);
  assert.equal(h.requests.length, 4);
  assert.equal(h.client.droppedBatches, 1);
});

test('413 halves the batch and sends the same events in smaller parts', async () => {
  const h = new Harness({ maxEvents: 4, maxDelayMs: 1000, maxQueued: 100 });
  h.record(4);
  await settle();
  await h.last.answer({ status: 413 });
  assert.equal(h.last.batch.events.length, 2);
  await h.last.answer({});
  assert.equal(h.last.batch.events.length, 2);
  assert.deepEqual(h.requests.slice(1).flatMap((r) => r.batch.events.map((e) => e.x)), [0, 1, 2, 3]);
});

test('401 stops the collector: nothing more is queued or sent', async () => {
  const h = new Harness();
  h.record(3);
  await settle();
  await h.last.answer({ status: 401 });
  h.record(10);
  await h.advance(60000);
  assert.equal(h.requests.length, 1);
  assert.equal(h.client.isStopped, true);
});

test('flush sends a partial batch now and resolves with the answer', async () => {
  const h = new Harness();
  h.record(1);
  const flushed = h.client.flush();
  await settle();
  assert.equal(h.requests.length, 1);
  await h.last.answer({ action: 'CHALLENGE' });
  assert.equal(await flushed, 'CHALLENGE');
});

test('drain hands every unsent event to the beacon in bodies under the size limit', async () => {
  const h = new Harness({ maxEvents: 2000, maxDelayMs: 60000, maxQueued: 5000 });
  h.record(1200);
  const bodies = h.client.drain(20000);
  const events = bodies.flatMap((b) => (JSON.parse(b) as Batch).events);
  assert.equal(events.length, 1200);
  assert.deepEqual(events.map((e) => e.x), Array.from({ length: 1200 }, (_, i) => i));
  for (const body of bodies) {
    assert.ok(body.length <= 20000, `${body.length}`);
    assert.ok((JSON.parse(body) as Batch).events.length <= 500);
  }
  assert.equal(h.client.queue.length, 0);
  assert.equal(h.requests.length, 0);
});
