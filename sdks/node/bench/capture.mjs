// Micro-benchmark of the SDK's own CPU per request, without a network or a load generator on the same cores:
//   request path: the Express middleware + the 'finish' hook + capture (fake req/res objects, the same every time)
//   sender: JSON of a 200-event batch and its gzip, per event (what the timer does off the request path)
// Usage: npm run build && node bench/capture.mjs   (prints ns per request / per event; medians of 5-7 runs)
// The fake req/res miss what a real Express request costs (see bench/express.mjs for that).
import { EventEmitter } from 'node:events';
import { gzip, gzipSync, constants } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { sentinel, SentinelClient } from '../dist/esm/index.js';
import { serializeBatch } from '../dist/esm/serialize.js';

const N = 200_000;
const quiet = { warn() {}, error() {} };

function fakeExchange(i) {
  const req = {
    method: 'GET', url: `/api/orders/${i}?x=1`, originalUrl: `/api/orders/${i}?x=1`, path: `/orders/${i}`, baseUrl: '/api/orders',
    hostname: 'api.shop.example', ip: '10.0.0.7', route: { path: '/:id' },
    headers: { host: 'api.shop.example', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) bench', accept: '*/*', 'x-customer': 'cus_42' },
    get(name) { return this.headers[name.toLowerCase()]; },
  };
  const res = new EventEmitter();
  res.statusCode = 200;
  res.req = req;
  res.getHeader = (name) => (name === 'content-length' ? '11' : undefined);
  return { req, res };
}

function median(values) { return values.slice().sort((a, b) => a - b)[values.length >> 1]; }

function time(fn) {
  const runs = [];
  for (let r = 0; r < 7; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    runs.push(Number(process.hrtime.bigint() - t0) / N);
  }
  return median(runs);
}

// The request path. The client never sends (huge interval, batch size > N is not allowed: keep the queue drained).
const client = new SentinelClient({ key: 'snt_ing_bench', endpoint: 'http://127.0.0.1:9', flushIntervalMs: 3_600_000, maxBatchSize: 1000, maxBufferSize: 10_000_000, handleShutdown: false, logger: quiet });
const middleware = sentinel({ key: 'x', client, identifyConsumer: (req) => req.get('x-customer') });
const exchanges = Array.from({ length: 1024 }, (_, i) => fakeExchange(i));
const next = () => {};
const bare = time(() => {
  for (let i = 0; i < N; i++) {
    const { req, res } = exchanges[i & 1023];
    next();
    res.emit('finish');
  }
});
const withSdk = time(() => {
  for (let i = 0; i < N; i++) {
    const { req, res } = exchanges[i & 1023];
    middleware(req, res, next);
    res.emit('finish');
    res.removeAllListeners('finish');
    // As in an app: a batch leaves every 200 events, so events die young.
    if (client.queue.length === 200 && i < N - 200) client.queue.length = 0;
  }
});
const capturedStats = client.stats();

// The sender: what one batch of 200 costs per event.
// The SDK's own queued events (a private field, read here only).
const events = client.queue.slice(0, 200);
for (const e of events) e.id ??= randomUUID();
// Text to UTF-8 bytes included (the transport sends a Buffer): a hand-written serializer returns a rope that the
// conversion flattens, so timing the string alone would flatter it.
const perEvent = (fn, reps = 200) => {
  const runs = [];
  for (let r = 0; r < 7; r++) {
    const t0 = process.hrtime.bigint();
    for (let b = 0; b < reps; b++) fn();
    runs.push(Number(process.hrtime.bigint() - t0) / reps / events.length);
  }
  return median(runs);
};
const stringifyNs = perEvent(() => Buffer.from(JSON.stringify({ events })));
const jsonNs = perEvent(() => Buffer.from(serializeBatch(events)));
if (serializeBatch(events) !== JSON.stringify({ events })) throw new Error('serializeBatch differs from JSON.stringify');
const json = Buffer.from(serializeBatch(events));
const gz = (opts) => [perEvent(() => gzipSync(json, opts), 50), gzipSync(json, opts).length];
// zlib's asynchronous gzip: process CPU (this thread and libuv's pool), one batch at a time.
const asyncGzipCpuNs = await (async () => {
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage();
    for (let b = 0; b < 50; b++) await new Promise((resolve) => gzip(json, { level: constants.Z_BEST_SPEED }, resolve));
    const c = process.cpuUsage(c0);
    runs.push(((c.user + c.system) * 1000) / 50 / events.length);
  }
  return median(runs);
})();
const syncGzipCpuNs = (() => {
  const c0 = process.cpuUsage();
  for (let b = 0; b < 250; b++) gzipSync(json, { level: constants.Z_BEST_SPEED });
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1000) / 250 / events.length;
})();
const [gz1, gz1Bytes] = gz({ level: constants.Z_BEST_SPEED });
const [gz1m, gz1mBytes] = gz({ level: constants.Z_BEST_SPEED, memLevel: 9, windowBits: 12 });
const [rle, rleBytes] = gz({ level: constants.Z_BEST_SPEED, strategy: constants.Z_RLE });
const [huff, huffBytes] = gz({ level: constants.Z_BEST_SPEED, strategy: constants.Z_HUFFMAN_ONLY });

// Why the buffer holds object literals (ADR 030): a spread of a record with many keys against the literal written out.
const SDK = { name: 'sentinel-node', version: '0' };
const rec = (i) => ({ method: 'GET', host: 'h', path: `/p/${i}`, route: '/r', status: 200, durationMs: 1.5, requestBytes: 0, responseBytes: 11, consumerId: 'c', ip: '1.2.3.4', userAgent: 'ua', headers: undefined, error: undefined });
const copyNs = (copy) => time(() => {
  let keep = [];
  for (let i = 0; i < N; i++) {
    keep.push(copy(rec(i)));
    if (keep.length === 200) keep = [];
  }
});
const spreadNs = copyNs((r) => ({ ...r, id: r.id ?? 'x', timestamp: 1, environment: r.environment ?? 'p', sdk: SDK }));
const literalNs = copyNs((r) => ({ id: r.id, timestamp: 1, method: r.method, host: r.host, path: r.path, route: r.route, status: r.status, durationMs: r.durationMs, requestBytes: r.requestBytes, responseBytes: r.responseBytes, consumerId: r.consumerId, ip: r.ip, userAgent: r.userAgent, environment: 'p', sdk: SDK, headers: r.headers, error: r.error }));

console.log(`record copy: object spread ${spreadNs.toFixed(0)} ns, object literal ${literalNs.toFixed(0)} ns (record built and copied, per event)`);
console.log(`request path: ${(withSdk - bare).toFixed(0)} ns per request (with ${withSdk.toFixed(0)}, bare loop ${bare.toFixed(0)}); captured ${capturedStats.captured}`);
console.log(`sender: JSON + UTF-8 ${jsonNs.toFixed(0)} ns per event with serializeBatch, ${stringifyNs.toFixed(0)} ns with JSON.stringify (${(json.length / events.length).toFixed(0)} bytes per event, ${events.length}-event batch of ${json.length} bytes)`);
console.log(`sender: gzip level 1, process CPU per event: synchronous ${syncGzipCpuNs.toFixed(0)} ns, zlib's asynchronous form ${asyncGzipCpuNs.toFixed(0)} ns; level 6 ${gz({ level: 6 })[0].toFixed(0)} ns -> ${gz({ level: 6 })[1]} bytes`);
console.log(`sender: gzip level 1 ${gz1.toFixed(0)} ns per event -> ${gz1Bytes} bytes; level 1 windowBits 12 ${gz1m.toFixed(0)} ns -> ${gz1mBytes}; Z_RLE ${rle.toFixed(0)} ns -> ${rleBytes}; Huffman only ${huff.toFixed(0)} ns -> ${huffBytes}`);
console.log(`OWN_COST sdk=node request_path_ns=${(withSdk - bare).toFixed(0)} json_ns_per_event=${jsonNs.toFixed(0)} gzip_ns_per_event=${gz1.toFixed(0)}`);
process.exit(0);
