import * as http from 'node:http';
import * as https from 'node:https';
import { constants, gzip as gzipCallback } from 'node:zlib';
import { promisify } from 'node:util';

const gzip = promisify(gzipCallback);
const GZIP_MIN_BYTES = 1024;

export interface PostResult {
  status: number;
  retryAfter?: string | string[];
  body: string;
}

/** One POST of a JSON body to `url` over a keep-alive connection; rejects on network errors and timeouts. */
export class Transport {
  /** Body bytes handed to the socket for good (counted when a request has finished writing, so aborted ones are not). */
  bytesSent = 0;
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(url: string, private readonly key: string, private readonly timeoutMs: number, private readonly compress: boolean, maxSockets: number) {
    this.url = new URL(url);
    const secure = this.url.protocol === 'https:';
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets }) : new http.Agent({ keepAlive: true, maxSockets });
  }

  async post(json: string, signal?: AbortSignal): Promise<PostResult> {
    // Level 1: a 200-event batch compresses to within 5% of level 6's size at a third of the CPU (bench/capture.mjs).
    // Asynchronous although zlib's asynchronous form costs more CPU in isolation (bench/capture.mjs: about 0.85 against
    // 0.4 µs per event): in a real Express app under load, gzipSync on the event loop's thread cost the app 2-4 µs
    // more per request in three alternating runs of bench/express.mjs (ADR 033). Why was not established (zlib's
    // ~256 KB of state through the request path's caches is one candidate); on libuv's pool it runs beside the app.
    // Bodies under GZIP_MIN_BYTES go as they are: a gzip stream's fixed setup costs more than it saves on them.
    const compress = this.compress && json.length >= GZIP_MIN_BYTES;
    const body = compress ? await gzip(json, { level: constants.Z_BEST_SPEED }) : Buffer.from(json);
    const headers: http.OutgoingHttpHeaders = {
      authorization: `Bearer ${this.key}`,
      'content-type': 'application/json',
      'content-length': body.length,
    };
    if (compress) headers['content-encoding'] = 'gzip';
    const request = this.url.protocol === 'https:' ? https.request : http.request;
    return new Promise<PostResult>((resolve, reject) => {
      const req = request(this.url, { method: 'POST', headers, agent: this.agent, timeout: this.timeoutMs, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.on('finish', () => (this.bytesSent += body.length));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
