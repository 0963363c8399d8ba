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
