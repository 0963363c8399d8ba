// A hello-world Express app with the Sentinel middleware: the SDK's sample, the fault test's app and the benchmark's.
// Settings from the environment: PORT (0 = any), SENTINEL_ENDPOINT, SENTINEL_KEY, SENTINEL_OFF=1 (no SDK, for the
// benchmark's baseline), SENTINEL_FLUSH_MS, SENTINEL_RETRY_BASE_MS, SENTINEL_RETRY_MAX_MS, SENTINEL_MAX_CONCURRENT_SENDS (1 = the SDK
// before it sent batches concurrently, for comparison).
import express from 'express';
import { sentinel, sentinelErrors } from 'sentinel-node';

const env = process.env;
const app = express();
const tracker = env.SENTINEL_OFF === '1' ? undefined : sentinel({
  key: env.SENTINEL_KEY ?? '',
  endpoint: env.SENTINEL_ENDPOINT,
  flushIntervalMs: Number(env.SENTINEL_FLUSH_MS ?? 2000),
  retryBaseMs: Number(env.SENTINEL_RETRY_BASE_MS ?? 500),
  retryMaxMs: Number(env.SENTINEL_RETRY_MAX_MS ?? 30000),
  ...(env.SENTINEL_MAX_CONCURRENT_SENDS ? { maxConcurrentSends: Number(env.SENTINEL_MAX_CONCURRENT_SENDS) } : {}),
  identifyConsumer: (req) => req.get('x-customer') ?? undefined,
  excludePaths: ['/_sentinel'],
});
if (tracker) app.use(tracker);

app.get('/hello', (_req, res) => res.send('hello world'));
// A more realistic endpoint (the benchmark's second figure): about 1 ms waiting on a database, then 20 rows as JSON.
app.get('/orders', async (req, res) => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const page = Number(req.query.page ?? 1) || 1;
  res.json(Array.from({ length: 20 }, (_, i) => {
    const id = page * 20 + i;
    return { id, customer: `cus_${id % 97}`, status: id % 5 === 0 ? 'refunded' : 'paid', totalCents: (id * 7919) % 100_000, currency: 'EUR', createdAt: new Date(1_700_000_000_000 + id * 60_000).toISOString() };
  }));
});
const orders = express.Router();
orders.get('/:id', (req, res) => res.json({ id: req.params.id }));
app.use('/api/orders', orders);
app.get('/boom', () => {
  throw new Error('the order service is down');
});
// For tests: the SDK's counters, and a flush.
app.get('/_sentinel/stats', (_req, res) => res.json(tracker ? tracker.client.stats() : {}));
app.post('/_sentinel/flush', async (_req, res) => {
  await tracker?.client.flush();
  res.json(tracker ? tracker.client.stats() : {});
});
app.use(sentinelErrors());

const server = app.listen(Number(env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
// On SIGTERM: stop taking requests, then send what is buffered (close() waits at most shutdownTimeoutMs).
process.on('SIGTERM', () => server.close(async () => {
  await tracker?.client.close();
  process.exit(0);
}));
