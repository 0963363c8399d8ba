// A scripted stand-in for Sentinel's batch endpoint, for unit tests of batching and retries: each answer is taken
// from `script` in turn (the last repeats), after `delayMs` when the answer has one; every request body is kept,
// gunzipped; `maxOpen` is the most requests it held unanswered at once.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';

export async function fakeSentinel(script = [{ status: 202 }]) {
  const requests = [];
  let n = 0;
  let open = 0;
  const stats = { maxOpen: 0 };
  const server = createServer((req, res) => {
    open++;
    stats.maxOpen = Math.max(stats.maxOpen, open);
    res.on('close', () => open--);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
      const answer = script[Math.min(n++, script.length - 1)];
      requests.push({ at: Date.now(), headers: req.headers, events: body.events, status: answer.status });
      if (answer.hang) return;
      const headers = { 'content-type': 'application/json' };
      if (answer.retryAfter !== undefined) headers['retry-after'] = String(answer.retryAfter);
      const respond = () => {
        res.writeHead(answer.status, headers);
        res.end(JSON.stringify(answer.status === 202 ? { accepted: body.events.length, rejected: 0, errors: [] } : { title: 'scripted' }));
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    requests,
    get maxOpen() {
      return stats.maxOpen;
    },
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(r);
    }),
  };
}

export const quietLogger = { warn() {}, error() {} };

export function record(i, extra = {}) {
  return { id: `e-${i}`, method: 'GET', host: 'api.test', path: `/items/${i}`, route: '/items/:id', status: 200, durationMs: 1.5, ...extra };
}
