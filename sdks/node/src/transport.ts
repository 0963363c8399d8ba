import * as http from 'node:http';
import * as https from 'node:https';
import { constants, gzipSync } from 'node:zlib';

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

  constructor(url: string, private readonly key: string, private readonly timeoutMs: number, private readonly compress: boolean) {
    this.url = new URL(url);
    const secure = this.url.protocol === 'https:';
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 2 }) : new http.Agent({ keepAlive: true, maxSockets: 2 });
  }

  async post(json: string, signal?: AbortSignal): Promise<PostResult> {
    // Level 1: a 200-event batch compresses to within 5% of level 6's size at a third of the CPU (bench/capture.mjs).
    // Synchronous: zlib's asynchronous form spent more CPU on this thread setting up its stream than the compression
    // itself takes, and 2.4 times the CPU in all (bench/capture.mjs; about 80 µs for a 200-event batch here).
    // Bodies under GZIP_MIN_BYTES go as they are: a gzip stream's fixed setup costs more than it saves on them.
    const compress = this.compress && json.length >= GZIP_MIN_BYTES;
    const text = Buffer.from(json);
    const body = compress ? gzipSync(text, { level: constants.Z_BEST_SPEED }) : text;
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
