import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventQueue } from '../src/queue';
import type { WireEvent } from '../src/wire';

const move = (t: number, x = t, y = 0): WireEvent => ({ t, type: 'mousemove', x, y, isTrusted: true });
const options = { maxEvents: 3, maxDelayMs: 1000, maxQueued: 10 };

test('a batch is due when it is full', () => {
  const queue = new EventQueue(options);
  queue.push(move(1), 0);
  queue.push(move(2), 0);
  assert.equal(queue.due(0), false);
  queue.push(move(3), 0);
  assert.equal(queue.due(0), true);
});

test('a batch is due when its oldest event has waited maxDelayMs, counted from the first event', () => {
  const queue = new EventQueue(options);
  queue.push(move(1), 100);
  assert.equal(queue.msUntilDue(600), 500);
  assert.equal(queue.due(1099), false);
  assert.equal(queue.due(1100), true);
  assert.equal(queue.msUntilDue(1200), 0);
});

test('an empty queue is never due and sets no timer', () => {
  const queue = new EventQueue(options);
  assert.equal(queue.due(1e9), false);
  assert.equal(queue.msUntilDue(1e9), null);
});

test('take returns the oldest events in order and restarts the age clock for the rest', () => {
  const queue = new EventQueue(options);
  for (let i = 1; i <= 5; i++) queue.push(move(i), 0);
  assert.deepEqual(queue.take(3, 50).map((e) => e.t), [1, 2, 3]);
  assert.equal(queue.length, 2);
  assert.equal(queue.msUntilDue(50), 1000);
});

test('timestamps never go backwards and keep two decimals', () => {
  const queue = new EventQueue(options);
  queue.push(move(10.123456), 0);
  queue.push({ t: 9.5, type: 'keydown', key: 'letter', zone: 33, isTrusted: true }, 0);
  const [first, second] = queue.take(3, 0);
  assert.equal(first.t, 10.12);
  assert.equal(second.t, 10.12);
});

test('every distinct pointer sample is kept; only an exact repeat (same time and place) is skipped', () => {
  const queue = new EventQueue(options);
  queue.push(move(16, 5, 5), 0);
  queue.push(move(16, 5, 5), 0);
  queue.push(move(16, 6, 5), 0);
  queue.push(move(24, 6, 5), 0);
  assert.deepEqual(queue.take(10, 0).map((e) => [e.t, e.x]), [[16, 5], [16, 6], [24, 6]]);
});

test('a full queue drops its oldest events and counts them', () => {
  const queue = new EventQueue(options);
  for (let i = 1; i <= 13; i++) queue.push(move(i), 0);
  assert.equal(queue.length, 10);
  assert.equal(queue.dropped, 3);
  assert.equal(queue.take(1, 0)[0].t, 4);
});

test('unshift puts a refused batch back in front', () => {
  const queue = new EventQueue(options);
  queue.push(move(5), 0);
  queue.unshift([move(1), move(2)], 0);
  assert.deepEqual(queue.take(10, 0).map((e) => e.t), [1, 2, 5]);
});
