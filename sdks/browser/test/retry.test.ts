import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeOf, parseRetryAfter, retryDelay } from '../src/retry';

const options = { baseDelayMs: 500, maxDelayMs: 30000, maxAttempts: 8 };

test('backoff doubles per attempt, with jitter inside [step/2, step]', () => {
  assert.equal(retryDelay(1, null, () => 0, options), 250);
  assert.equal(retryDelay(1, null, () => 1, options), 500);
  assert.equal(retryDelay(2, null, () => 0, options), 500);
  assert.equal(retryDelay(3, null, () => 0.5, options), 1500);
  for (let attempt = 1; attempt < 10; attempt++) {
    assert.ok(retryDelay(attempt + 1, null, () => 0, options) >= retryDelay(attempt, null, () => 0, options));
  }
});

test('backoff is capped at maxDelayMs', () => {
  assert.equal(retryDelay(20, null, () => 1, options), 30000);
});

test('Retry-After is a floor, stretched by at most 20% so clients spread out', () => {
  assert.equal(retryDelay(1, 5000, () => 0, options), 5000);
  assert.equal(retryDelay(1, 5000, () => 1, options), 6000);
  // A Retry-After shorter than the backoff does not shorten it.
  assert.equal(retryDelay(6, 1000, () => 0, options), 8000);
});

test('Retry-After reads delay-seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('3', 0), 3000);
  assert.equal(parseRetryAfter(' 0 ', 0), 0);
  const now = Date.parse('Wed, 25 Nov 2026 20:00:00 GMT');
  assert.equal(parseRetryAfter('Wed, 25 Nov 2026 20:00:07 GMT', now), 7000);
  assert.equal(parseRetryAfter('Wed, 25 Nov 2026 19:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter(null, now), null);
  assert.equal(parseRetryAfter('soon', now), null);
});

test('statuses map to what the collector does next', () => {
  assert.equal(outcomeOf(200), 'ok');
  assert.equal(outcomeOf(0), 'retry');
  assert.equal(outcomeOf(429), 'retry');
  assert.equal(outcomeOf(503), 'retry');
  assert.equal(outcomeOf(413), 'shrink');
  assert.equal(outcomeOf(400), 'drop');
  assert.equal(outcomeOf(401), 'stop');
  assert.equal(outcomeOf(403), 'stop');
});
