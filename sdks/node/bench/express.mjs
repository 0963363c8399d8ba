// The SDK's CPU per request inside a real Express app, measured in one process so that the machine's load hits both
// variants alike: two apps on loopback (without and with the middleware, the same routes), one in-process client that
// keeps DEPTH requests in flight per connection, rounds alternating bare / with SDK. The client's own CPU is the same in
// both, so the difference of process CPU per request is the middleware, the 'finish' hook, and the sender's work
// (ids, JSON, gzip, HTTP) for the batches the run produced. The batches go to a stub receiver in a child process, whose
// CPU is not counted (on a real deployment Sentinel runs elsewhere).
// Usage: npm run build && node bench/express.mjs [requests per round, default 40000] [rounds, default 7]
//   prints µs per request for each round and the median difference (SDK_CPU sdk=node us_per_request=N).
import { fork } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import { PerformanceObserver } from 'node:perf_hooks';
import express from 'express';
import { sentinel } from '../dist/esm/index.js';

const N = Number(process.argv[2] ?? 40_000);
const ROUNDS = Number(process.argv[3] ?? 7);
const CONNECTIONS = 8;
const DEPTH = 4;

if (process.argv[2] === 'sink') {
  const s = http.createServer((q, r) => { q.resume(); q.on('end', () => { r.writeHead(202, { 'content-type': 'application/json' }); r.end('{}'); }); });
  s.listen(0, '127.0.0.1', () => process.send(s.address().port));
} else {
  const sink = fork(new URL(import.meta.url).pathname, ['sink']);
  const sinkPort = await new Promise((resolve) => sink.once('message', resolve));

  function app(withSdk) {
    const a = express();
    let tracker;
    if (withSdk) {
      tracker = sentinel({ key: 'snt_ing_bench', endpoint: `http://127.0.0.1:${sinkPort}`, identifyConsumer: (req) => req.get('x-customer'), gzip: process.env.GZIP !== '0', handleShutdown: false, logger: { warn() {}, error() {} } });
      if (process.env.PART === "noenqueue") tracker.client.enqueue = () => {};
      if (process.env.PART === "nopost") tracker.client.transport.post = async () => ({ status: 202, body: "{}" });
      if (process.env.PART === "nojson") { const q = tracker.client.queue; tracker.client.enqueue = function (e) { q.push(e); this.counters.captured++; if (q.length >= 200) q.length = 0; }; }
      a.use(tracker);
    }
    a.get('/hello', (_req, res) => res.send('hello world'));
    const orders = express.Router();
    orders.get('/:id', (req, res) => res.send('hello world'));
    a.use('/api/orders', orders);
    const server = http.createServer(a);
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, server, tracker })));
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
          if (sent >= count && n === 0 && done >= count) socket.destroy();
        });
        socket.on('error', () => {});
      }
    });
  }

  const bare = await app(false);
  const withSdk = await app(true);
  let gcMs = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });
  const gcB = [], gcW = [];
  async function round(target) {
    gcMs = 0;
    const c0 = process.cpuUsage();
    await drive(target.port, N);
    if (target.tracker) await target.tracker.client.flush();
    const c = process.cpuUsage(c0);
    await new Promise((resolve) => setImmediate(resolve));
    (target.tracker ? gcW : gcB).push(gcMs * 1000 / N);
    return (c.user + c.system) / N;
  }
  await round(bare); await round(withSdk); // warm-up (JIT)
  const b = [], w = [];
  for (let r = 0; r < ROUNDS; r++) {
    b.push(await round(bare));
    w.push(await round(withSdk));
    console.log(`round ${r + 1}: bare ${b.at(-1).toFixed(2)} µs, with SDK ${w.at(-1).toFixed(2)} µs per request (GC ${gcB.at(-1).toFixed(2)} / ${gcW.at(-1).toFixed(2)} µs)`);
  }
  const median = (v) => v.slice().sort((x, y) => x - y)[v.length >> 1];
  const diffs = b.map((x, i) => w[i] - x);
  const stats = withSdk.tracker.client.stats();
  console.log(`sent ${stats.sent} of ${stats.captured} captured, dropped ${stats.dropped}, ${stats.bytesSent} bytes`);
  console.log(`SDK_CPU sdk=node bare_us=${median(b).toFixed(2)} with_sdk_us=${median(w).toFixed(2)} us_per_request=${median(diffs).toFixed(2)}`);
  await withSdk.tracker.client.close();
  bare.server.close(); withSdk.server.close(); sink.kill();
  process.exit(0);
}
