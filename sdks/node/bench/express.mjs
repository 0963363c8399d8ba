// The SDK's CPU per request inside a real Express app, measured in one process so that the machine's load hits every
// variant alike: apps on loopback (without the middleware, and with it), one in-process client that keeps DEPTH
// requests in flight on each of CONNECTIONS sockets, rounds alternating between the apps. The client's own CPU is the
// same for all, so the difference of process CPU per request is the middleware, the 'finish' hook and the sender's work
// (ids, JSON, gzip, HTTP) for the batches the run produced. Batches go to a stub receiver in a child process, whose CPU
// is not counted (on a real deployment Sentinel runs elsewhere).
// Usage: npm run build && node bench/express.mjs [requests per round, default 30000] [rounds, default 7]
//   prints µs per request per round, and the median difference: SDK_CPU sdk=node ... us_per_request=N
// BENCH_PARTS=1 adds cut-down SDKs to the same rounds, to split the cost (they patch the client's private members):
//   path-only   the middleware and the event object, nothing queued
//   no-sender   events queued and dropped 200 at a time: no ids, JSON, gzip or POST
//   no-post     everything but the POST (the transport answers 202 at once)
// BENCH_COMPARE="before=/tmp/old/dist/esm/index.js,..." adds the SDK built from other sources (e.g. a `git archive` of an
// older commit) to the same rounds: a before/after on one loaded machine. BENCH_BATCH sets maxBatchSize (default 200).
import { fork } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import express from 'express';
import { sentinel } from '../dist/esm/index.js';

const others = {};
for (const item of (process.env.BENCH_COMPARE ?? '').split(',').filter(Boolean)) {
  const [label, path] = item.split('=');
  others[label] = (await import(path)).sentinel;
}

const N = Number(process.argv[2] ?? 30_000);
const ROUNDS = Number(process.argv[3] ?? 7);
const CONNECTIONS = 8;
const DEPTH = 4;

if (process.argv[2] === 'sink') {
  const s = http.createServer((q, r) => { q.resume(); q.on('end', () => { r.writeHead(202, { 'content-type': 'application/json' }); r.end('{}'); }); });
  s.listen(0, '127.0.0.1', () => process.send(s.address().port));
} else {
  const sink = fork(new URL(import.meta.url).pathname, ['sink']);
  const sinkPort = await new Promise((resolve) => sink.once('message', resolve));

  const cuts = {
    'path-only': (client) => { client.enqueue = () => {}; },
    'no-sender': (client) => {
      const queue = client.queue;
      client.enqueue = (event) => { queue.push(event); if (queue.length >= 200) queue.length = 0; };
    },
    'no-post': (client) => { client.transport.post = async () => ({ status: 202, body: '{}' }); },
  };

  function app(variant) {
    const a = express();
    let tracker;
    if (variant !== 'bare') {
      tracker = (others[variant] ?? sentinel)({
        key: 'snt_ing_bench', endpoint: `http://127.0.0.1:${sinkPort}`, identifyConsumer: (req) => req.get('x-customer'),
        maxBatchSize: Number(process.env.BENCH_BATCH ?? 200), handleShutdown: false, logger: { warn() {}, error() {} },
      });
      cuts[variant]?.(tracker.client);
      a.use(tracker);
    }
    a.get('/hello', (_req, res) => res.send('hello world'));
    const orders = express.Router();
    orders.get('/:id', (_req, res) => res.send('hello world'));
    a.use('/api/orders', orders);
    const server = http.createServer(a);
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ variant, port: server.address().port, server, tracker })));
  }

  // Sends `count` GETs over CONNECTIONS sockets, DEPTH pipelined per socket; resolves when all answers arrived.
  function drive(port, count) {
    return new Promise((resolve) => {
      let sent = 0, done = 0;
      const request = (i) => `GET /api/orders/${i} HTTP/1.1\r\nhost: api.shop.example\r\nuser-agent: bench/1.0\r\nx-customer: cus_${i % 50}\r\n\r\n`;
      for (let c = 0; c < CONNECTIONS; c++) {
        const socket = net.connect(port, '127.0.0.1');
        socket.setNoDelay(true);
        let tail = '';
        const more = (k) => { let s = ''; for (let j = 0; j < k && sent < count; j++) s += request(sent++); if (s) socket.write(s); };
        socket.on('connect', () => more(DEPTH));
        socket.on('data', (chunk) => {
          const text = tail + chunk.toString('latin1');
          let n = 0, at = 0;
          for (;;) { const k = text.indexOf('hello world', at); if (k < 0) break; n++; at = k + 11; }
          tail = text.slice(Math.max(at, text.length - 10));
          done += n;
          if (done >= count) { socket.destroy(); resolve(); return; }
          more(n);
        });
        socket.on('error', () => {});
      }
    });
  }

  const variants = ['bare', 'sdk', ...(process.env.BENCH_PARTS === '1' ? Object.keys(cuts) : []), ...Object.keys(others)];
  const apps = [];
  for (const v of variants) apps.push(await app(v));
  async function round(target) {
    const c0 = process.cpuUsage();
    await drive(target.port, N);
    if (target.tracker) await target.tracker.client.flush();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / N;
  }
  for (const a of apps) await round(a); // warm-up (JIT)
  const us = Object.fromEntries(variants.map((v) => [v, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const a of apps) us[a.variant].push(await round(a));
    console.log(`round ${r + 1}: ${variants.map((v) => `${v} ${us[v].at(-1).toFixed(2)}`).join(', ')} µs per request`);
  }
  const median = (v) => v.slice().sort((x, y) => x - y)[v.length >> 1];
  const added = (v) => median(us[v].map((x, i) => x - us.bare[i]));
  const stats = apps[1].tracker.client.stats();
  console.log(`sdk: sent ${stats.sent} of ${stats.captured} captured, dropped ${stats.dropped}, ${stats.bytesSent} bytes`);
  const parts = variants.slice(2).map((v) => ` ${v}_us=${added(v).toFixed(2)}`).join('');
  console.log(`SDK_CPU sdk=node bare_us=${median(us.bare).toFixed(2)} with_sdk_us=${median(us.sdk).toFixed(2)}${parts} us_per_request=${added('sdk').toFixed(2)}`);
  for (const a of apps) { await a.tracker?.client.close(); a.server.close(); }
  sink.kill();
  process.exit(0);
}
