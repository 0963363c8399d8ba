// Against a real Sentinel (the built host, embedded mode): what the app served is what Sentinel accepted, the
// events carry the route templates, errors and consumers; and the packed package installs and works in an app.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import express from 'express';
import { sentinel, sentinelErrors, SentinelClient } from '../dist/esm/index.js';
import { quietLogger } from './support/fake-sentinel.mjs';
import { startSentinel, waitFor } from './support/sentinel-host.mjs';

const sdkRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let host;

before(async () => {
  host = await startSentinel();
});

after(async () => {
  await host?.stop();
});

async function listen(app) {
  const server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

test('Express middleware: every request the app served is accepted by Sentinel, errors and templates included', async () => {
  const events = [];
  const client = new SentinelClient({ key: host.key, endpoint: host.endpoint, handleShutdown: false, logger: quietLogger, flushIntervalMs: 200 });
  const originalEnqueue = client.enqueue.bind(client);
  client.enqueue = (event) => {
    events.push(event);
    originalEnqueue(event);
  };
  const app = express();
  app.use(sentinel({ key: host.key, client, identifyConsumer: (req) => req.get('x-customer') }));
  const orders = express.Router();
  orders.get('/:id', (req, res) => res.json({ id: req.params.id }));
  app.use('/api/orders', orders);
  app.get('/boom', () => {
    throw new Error('the order service is down');
  });
  app.use(sentinelErrors());
  const server = await listen(app);

  const served = [];
  for (let i = 0; i < 30; i++) served.push((await fetch(`${server.url}/api/orders/${i}?x=1`, { headers: { 'x-customer': `c-${i % 3}` } })).status);
  served.push((await fetch(`${server.url}/boom`)).status);
  served.push((await fetch(`${server.url}/nowhere`)).status);
  await client.flush();

  assert.deepEqual(served.filter((s) => s === 200).length, 30);
  const { bytesSent, ...stats } = client.stats();
  assert.deepEqual(stats, { captured: 32, sent: 32, rejected: 0, dropped: 0, retried: 0, sampledOut: 0, sendFailures: 0, buffered: 0 });
  assert.ok(bytesSent > 0);
  const order = events.find((e) => e.path === '/api/orders/7');
  assert.equal(order.route, '/api/orders/:id');
  assert.equal(order.consumerId, 'c-1');
  assert.equal(order.method, 'GET');
  assert.ok(order.durationMs > 0);
  const boom = events.find((e) => e.path === '/boom');
  assert.equal(boom.status, 500);
  assert.equal(boom.error, 'Error: the order service is down');
  assert.equal(events.find((e) => e.path === '/nowhere').route, undefined);
  await client.close();
  await server.close();
});

test('the CommonJS build works from require() and posts to Sentinel', async () => {
  const require = createRequire(import.meta.url);
  const cjs = require('../dist/cjs/index.js');
  const client = new cjs.SentinelClient({ key: host.key, endpoint: host.endpoint, handleShutdown: false, logger: quietLogger });
  client.capture({ method: 'POST', host: 'api.test', path: '/cjs', status: 201, durationMs: 2 });
  await client.close();
  assert.equal(client.stats().sent, 1);
});

test('npm pack: the packed package installs into a fresh app (no other dependency) and the sample app reports to Sentinel', async () => {
  const work = mkdtempSync(join(tmpdir(), 'sentinel-node-pack-'));
  try {
    const run = promisify(execFile);
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: sdkRoot });
    const tarball = join(work, JSON.parse(stdout)[0].filename);
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'sample', private: true, type: 'module' }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app });
    // Express comes from the SDK's dev dependencies so that the test needs no registry.
    symlinkSync(join(sdkRoot, 'node_modules', 'express'), join(app, 'node_modules', 'express'), 'dir');
    copyFileSync(join(sdkRoot, 'examples', 'express-app', 'server.mjs'), join(app, 'server.mjs'));

    const child = spawn(process.execPath, ['server.mjs'], { cwd: app, env: { ...process.env, PORT: '0', SENTINEL_KEY: host.key, SENTINEL_ENDPOINT: host.endpoint } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      await waitFor(() => /listening on (\S+)/.test(output), 15_000, () => output);
      const url = /listening on (\S+)/.exec(output)[1];
      assert.equal(await (await fetch(`${url}/hello`)).text(), 'hello world');
      const stats = await (await fetch(`${url}/_sentinel/flush`, { method: 'POST' })).json();
      assert.equal(stats.sent, 1, output);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
