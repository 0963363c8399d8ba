import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SentinelClient, maskHeaders, parseRetryAfter, retryDelayMs } from '../dist/esm/index.js';
import { fakeSentinel, quietLogger, record } from './support/fake-sentinel.mjs';

const base = { key: 'snt_ing_test', logger: quietLogger, handleShutdown: false };

test('options are checked when the client is made, naming the option', () => {
  assert.throws(() => new SentinelClient({ ...base, key: '' }), /options\.key/);
  assert.throws(() => new SentinelClient({ ...base, maxBatchSize: 5000 }), /maxBatchSize/);
  assert.throws(() => new SentinelClient({ ...base, sampleRate: 2 }), /sampleRate/);
  assert.throws(() => new SentinelClient({ ...base, endpoint: 'not a url' }), /endpoint/);
  assert.throws(() => new SentinelClient({ ...base, environment: 'prod env' }), /environment/);
});

test('retry delays grow with the attempt, stay under the cap, and a Retry-After is a floor', () => {
  const top = () => 0.999999;
  assert.ok(retryDelayMs(0, 100, 10_000, undefined, top) <= 100);
  assert.ok(retryDelayMs(3, 100, 10_000, undefined, top) > 700);
  assert.equal(retryDelayMs(20, 100, 10_000, undefined, top), 9999);
  assert.equal(retryDelayMs(0, 100, 10_000, 3000, () => 0), 3000);
  assert.equal(retryDelayMs(0, 100, 10_000, 60_000, () => 0), 10_000);
  assert.equal(parseRetryAfter('2'), 2000);
  assert.equal(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now()) > 3000, true);
  assert.equal(parseRetryAfter('soon'), undefined);
});

test('secret headers are masked, including configured ones, and at most 64 are kept', () => {
  const headers = { Authorization: 'Bearer x', cookie: 'a=b', 'x-api-key': 'k', 'x-tenant-token': 't', accept: 'text/html' };
  const masked = maskHeaders(headers, ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-tenant-token']);
  assert.deepEqual(masked, { authorization: '[masked]', cookie: '[masked]', 'x-api-key': '[masked]', 'x-tenant-token': '[masked]', accept: 'text/html' });
  const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`h${i}`, 'v']));
  assert.equal(Object.keys(maskHeaders(many, [])).length, 64);
});

test('a full batch is sent at once, gzipped, with the key, and the rest after the interval', async () => {
  const server = await fakeSentinel();
  const client = new SentinelClient({ ...base, endpoint: server.endpoint, maxBatchSize: 10, flushIntervalMs: 300 });
  for (let i = 0; i < 13; i++) client.capture(record(i));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(server.requests.length, 1);
  assert.equal(server.requests[0].events.length, 10);
  assert.equal(server.requests[0].headers['content-encoding'], 'gzip');
  assert.equal(server.requests[0].headers.authorization, 'Bearer snt_ing_test');
  assert.deepEqual(server.requests[0].events[0].sdk, { name: 'sentinel-node', version: '0.1.0' });
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(server.requests.length, 2);
  assert.equal(server.requests[1].events.length, 3);
  const bytes = server.requests.reduce((sum, r) => sum + Number(r.headers['content-length']), 0);
  assert.deepEqual(client.stats(), { captured: 13, sent: 13, rejected: 0, dropped: 0, retried: 0, sampledOut: 0, sendFailures: 0, bytesSent: bytes, buffered: 0 });
  await client.close();
  await server.close();
});

test('a batch answered 503, 429 with Retry-After, then 202 is resent with the same ids, waiting at least Retry-After', async () => {
  const server = await fakeSentinel([{ status: 503 }, { status: 429, retryAfter: 1 }, { status: 202 }]);
  const client = new SentinelClient({ ...base, endpoint: server.endpoint, retryBaseMs: 20, retryMaxMs: 5000 });
  for (let i = 0; i < 5; i++) client.capture(record(i));
  await client.flush();
  const [first, second, third] = server.requests;
  assert.equal(server.requests.length, 3);
  assert.deepEqual(third.events.map((e) => e.id), first.events.map((e) => e.id));
  assert.deepEqual(second.events, first.events);
  assert.ok(third.at - second.at >= 990, `waited ${third.at - second.at} ms after Retry-After: 1`);
  assert.equal(client.stats().sent, 5);
  assert.equal(client.stats().retried, 2);
  assert.equal(client.stats().sendFailures, 2, 'the 503 and the 429');
  assert.equal(client.stats().bytesSent, 3 * Number(first.headers['content-length']), 'each attempt wrote the same body');
  await client.close();
  await server.close();
});

test('a batch under 1 KB goes without gzip; ids are given once, when the batch is first sent', async () => {
  const server = await fakeSentinel([{ status: 503 }, { status: 202 }]);
  const client = new SentinelClient({ ...base, endpoint: server.endpoint, retryBaseMs: 10, retryMaxMs: 20 });
  client.capture({ method: 'GET', host: 'api.test', path: '/one', status: 200, durationMs: 1 });
  client.capture({ method: 'GET', host: 'api.test', path: '/two', status: 200, durationMs: 1 });
  await client.flush();
  const [first, second] = server.requests;
  assert.equal(first.headers['content-encoding'], undefined);
  assert.equal(first.events.length, 2);
  assert.match(first.events[0].id, /^[0-9a-f-]{36}$/);
  assert.notEqual(first.events[0].id, first.events[1].id);
  assert.deepEqual(second.events, first.events);
  assert.equal(client.stats().bytesSent, Number(first.headers['content-length']) * 2);
  await client.close();
  await server.close();
});

test('the buffer is bounded: while Sentinel hangs, the oldest events are dropped and counted', async () => {
  const server = await fakeSentinel([{ status: 202, hang: true }]);
  const client = new SentinelClient({ ...base, endpoint: server.endpoint, maxBatchSize: 10, maxBufferSize: 50, requestTimeoutMs: 60_000 });
  for (let i = 0; i < 500; i++) client.capture(record(i));
  const stats = client.stats();
  assert.equal(stats.buffered, 50);
  assert.equal(stats.dropped, 450);
  await client.close(100);
  assert.equal(client.stats().dropped, 500, 'what close() could not send is counted as dropped');
  await server.close();
});

test('a refused key drops the batch with a count instead of retrying forever; close() sends what is left', async () => {
  const server = await fakeSentinel([{ status: 401 }, { status: 202 }]);
  const client = new SentinelClient({ ...base, endpoint: server.endpoint });
  client.capture(record(1));
  await client.flush();
  client.capture(record(2));
  await client.close();
  assert.equal(server.requests.length, 2);
  assert.deepEqual({ sent: client.stats().sent, dropped: client.stats().dropped }, { sent: 1, dropped: 1 });
  client.capture(record(3));
  assert.equal(client.stats().captured, 2, 'a closed client records nothing');
  await server.close();
});

test('exclusions and sampling decide before anything is recorded', () => {
  const client = new SentinelClient({ ...base, excludePaths: ['/health', /^\/internal\//], sampleRate: 0 });
  assert.equal(client.shouldRecord('/health'), false);
  assert.equal(client.shouldRecord('/health/ready'), false);
  assert.equal(client.shouldRecord('/healthy'), false, 'sampled out');
  assert.equal(client.shouldRecord('/internal/x'), false);
  assert.equal(client.stats().sampledOut, 1);
  void client.close(0);
});

test('the batch serializer writes what JSON.stringify writes, for plain and awkward values', async () => {
  const { serializeBatch } = await import('../dist/esm/serialize.js');
  const sdk = { name: 'sentinel-node', version: '0.1.0' };
  const full = {
    id: '7f1c0a9e-0000-4000-8000-000000000001', timestamp: 1764115200123, method: 'POST', host: 'api.example', path: '/orders/42',
    route: '/orders/:id', status: 500, durationMs: 12.345, requestBytes: 120, responseBytes: 0, consumerId: 'cus_1',
    ip: '::ffff:10.0.0.1', userAgent: 'curl/8.5', environment: 'production', sdk, headers: { accept: '*/*', authorization: '[masked]' },
    error: 'Error: the "order" service\\down\n\tat line 1',
  };
  const sparse = { ...full, id: undefined, route: undefined, consumerId: undefined, headers: undefined, error: undefined, timestamp: '2026-11-26T00:00:00.000Z' };
  const awkward = {
    ...full, path: '/caf\u00e9/\u{1F600}/lone\ud800/\u0001', userAgent: 'a "quoted" agent \\ with \u2028 separators',
    durationMs: Number.NaN, requestBytes: Number.POSITIVE_INFINITY, consumerId: '</script>',
  };
  for (const events of [[], [full], [sparse], [awkward], [full, sparse, awkward, full]]) {
    const text = serializeBatch(events);
    assert.equal(text, JSON.stringify({ events }));
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify({ events })));
  }
});

test('maxConcurrentSends is a whole number from 1 to 16', () => {
  for (const bad of [0, 17, 1.5, Number.NaN]) assert.throws(() => new SentinelClient({ ...base, maxConcurrentSends: bad }), /maxConcurrentSends/);
  assert.equal(new SentinelClient({ ...base, maxConcurrentSends: 16 }).options.maxConcurrentSends, 16);
  assert.equal(new SentinelClient(base).options.maxConcurrentSends, 4);
});

// Offers `perSecond` events for `seconds` against a receiver that answers every batch after 50 ms. The pace follows
// the wall clock (each tick captures what is due by now), so a slow machine offers the same events per second.
async function offerAgainstSlowReceiver(maxConcurrentSends) {
  const perSecond = 2000;
  const seconds = 2;
  const server = await fakeSentinel([{ status: 202, delayMs: 50 }]);
  const options = { ...base, endpoint: server.endpoint, maxBatchSize: 50, maxBufferSize: 500 };
  const client = new SentinelClient(maxConcurrentSends === undefined ? options : { ...options, maxConcurrentSends });
  const started = Date.now();
  let offered = 0;
  while (offered < perSecond * seconds) {
    const due = Math.min(perSecond * seconds, Math.floor(((Date.now() - started) * perSecond) / 1000));
    for (; offered < due; offered++) client.capture(record(offered));
    await new Promise((r) => setTimeout(r, 5));
  }
  await client.close(60_000);
  const stats = client.stats();
  const accepted = server.requests.reduce((sum, r) => sum + r.events.length, 0);
  await server.close();
  return { offered, stats, accepted, maxOpen: server.maxOpen };
}

test('a receiver that answers in 50 ms: one batch in flight drops events at 2000/s, the default four drop none', async (t) => {
  // One batch of 50 per ≥ 50 ms moves at most 1000 events/s. Offering 4000 ends at T ≥ 2 s, by when at most
  // 50 * (T / 50 ms + 1) were sent, 50 are in flight and 500 wait: at least 1350 dropped at T = 2 s, still 1000 at 2.35 s.
  const one = await offerAgainstSlowReceiver(1);
  t.diagnostic(`maxConcurrentSends=1: dropped ${one.stats.dropped} of ${one.offered}`);
  assert.equal(one.maxOpen, 1, 'one batch at a time');
  assert.ok(one.stats.dropped >= 1000, `dropped ${one.stats.dropped} of ${one.offered} with one batch in flight`);
  assert.equal(one.stats.sent + one.stats.dropped, one.offered);
  // Four batches in flight move up to 4000/s: twice the offered rate, and a 500-event buffer (a quarter second) for gaps.
  const four = await offerAgainstSlowReceiver(undefined);
  t.diagnostic(`default (4): dropped ${four.stats.dropped} of ${four.offered}; the receiver held ${four.maxOpen} batches at once`);
  assert.ok(four.maxOpen >= 2, `the receiver saw ${four.maxOpen} batches at once`);
  assert.ok(four.maxOpen <= 4, `the receiver saw ${four.maxOpen} batches at once`);
  assert.equal(four.stats.dropped, 0, `dropped ${four.stats.dropped} of ${four.offered} with four batches in flight`);
  assert.deepEqual({ sent: four.stats.sent, accepted: four.accepted, buffered: four.stats.buffered }, { sent: four.offered, accepted: four.offered, buffered: 0 });
});

test('batches in flight together: one answered 503 is resent alone with its ids, every event accepted once; close() waits for all', async () => {
  // 300 ms: long enough that all four batches reach the receiver before the first is answered, even on a slow machine.
  const server = await fakeSentinel([{ status: 503, delayMs: 300 }, { status: 202, delayMs: 300 }]);
  const client = new SentinelClient({ ...base, endpoint: server.endpoint, maxBatchSize: 10, retryBaseMs: 20, retryMaxMs: 50 });
  for (let i = 0; i < 40; i++) client.capture(record(i));
  await client.close(60_000);
  assert.equal(server.maxOpen, 4, 'the four batches were in flight together');
  assert.equal(server.requests.length, 5, 'four batches and one retry');
  const [refused, ...rest] = server.requests;
  const resent = rest.filter((r) => r.events[0].id === refused.events[0].id);
  assert.equal(resent.length, 1);
  assert.deepEqual(resent[0].events, refused.events);
  const ids = rest.flatMap((r) => r.events.map((e) => e.id));
  assert.equal(new Set(ids).size, 40);
  assert.equal(ids.length, 40);
  const bytes = server.requests.reduce((sum, r) => sum + Number(r.headers['content-length']), 0);
  assert.deepEqual(client.stats(), { captured: 40, sent: 40, rejected: 0, dropped: 0, retried: 1, sampledOut: 0, sendFailures: 1, bytesSent: bytes, buffered: 0 });
  await server.close();
});
