import type { IncomingMessage, ServerResponse } from 'node:http';
import { SentinelClient } from './client.js';
import { SDK } from './event.js';
import { maskHeaders } from './headers.js';
import type { SentinelOptions } from './options.js';

/** The parts of Express's request that the middleware reads (typed loosely so that Express is not a dependency). */
interface ExpressRequest extends IncomingMessage {
  ip?: string;
  hostname?: string;
  baseUrl?: string;
  originalUrl?: string;
  path?: string;
  route?: { path?: unknown };
}

type Next = (error?: unknown) => void;

export interface ExpressOptions extends SentinelOptions {
  /** The consumer (customer, API key owner) of a request, e.g. `(req) => req.user?.id`. */
  identifyConsumer?: (req: any, res: any) => string | undefined | null;
  /** An existing client to send through (one per process is enough); otherwise the middleware creates one. */
  client?: SentinelClient;
}

export interface SentinelMiddleware {
  (req: any, res: any, next: Next): void;
  /** The client behind the middleware: `stats()`, `flush()`, `close()`. */
  readonly client: SentinelClient;
}

/** An app error's message for the event, kept beside the response rather than on it (see the middleware). */
const errors = new WeakMap<object, unknown>();

/**
 * Express middleware: `app.use(sentinel({ key }))` before the routes. Records each request when its response is
 * finished (route template from `req.route.path` with the mount path, client ip from `req.ip`, so Express's
 * `trust proxy` setting applies). Errors from the app reach Sentinel through `sentinelErrors()`.
 * Per request it adds one 'finish' listener that holds the start time, and writes nothing onto `req` or `res`; the event
 * is one object literal handed to the buffer as it is; ids, JSON and gzip are the sender's work.
 */
export function sentinel(options: ExpressOptions): SentinelMiddleware {
  const client = options.client ?? new SentinelClient(options);
  const { identifyConsumer } = options;
  const logHeaders = client.options.logHeaders;
  const masked = client.options.maskHeaders;
  const environment = client.options.environment;

  function record(req: ExpressRequest, res: ServerResponse, start: number) {
    try {
      const durationMs = performance.now() - start;
      const routePath = req.route?.path;
      const status = res.statusCode;
      const consumer = identifyConsumer ? identifyConsumer(req, res) : undefined;
      const userAgent = req.headers['user-agent'];
      // The buffer's shape directly (keys in queuedEvent's order, so both share one hidden class): one object per request.
      client.enqueue({
        id: undefined,
        timestamp: Date.now(),
        method: req.method ?? 'GET',
        host: req.hostname ?? req.headers.host ?? '',
        path: fullPath(req),
        route: typeof routePath === 'string' ? (req.baseUrl ?? '') + routePath : undefined,
        status,
        durationMs: Math.round(durationMs * 1000) / 1000,
        requestBytes: Number(req.headers['content-length'] ?? 0) || 0,
        responseBytes: Number(res.getHeader('content-length') ?? 0) || 0,
        consumerId: consumer ? String(consumer).slice(0, 128) : undefined,
        ip: req.ip ?? req.socket?.remoteAddress,
        userAgent: userAgent === undefined ? undefined : userAgent.length > 512 ? userAgent.slice(0, 512) : userAgent,
        environment,
        sdk: SDK,
        headers: logHeaders ? maskHeaders(req.headers, masked) : undefined,
        error: status >= 500 ? errorText(errors.get(res), res) : undefined,
      });
    } catch (e) {
      client.options.logger.error(`sentinel: could not record a request: ${String(e)}`);
    }
  }

  const middleware = ((req: ExpressRequest, res: ServerResponse, next: Next) => {
    try {
      if (client.shouldRecord(req.path ?? (req.url ?? '/').split('?')[0]!)) {
        // The start time lives in this closure, not on `res`: a property added to Node's ServerResponse (even a
        // symbol) cost about 3 µs per request in the whole app's handling of it (bench/express.mjs, ADR 033).
        // 'finish' fires once per response: `on` avoids the wrapper closure that `once` adds.
        const start = performance.now();
        res.on('finish', () => record(req, res, start));
      }
    } catch (e) {
      client.options.logger.error(`sentinel: ${String(e)}`);
    }
    next();
  }) as SentinelMiddleware;
  Object.defineProperty(middleware, 'client', { value: client });
  return middleware;
}

/** Error middleware (`app.use(sentinelErrors())` after the routes): keeps the error's message for the event, then passes it on. */
export function sentinelErrors() {
  return (error: unknown, _req: unknown, res: ServerResponse, next: Next) => {
    try {
      errors.set(res, error);
    } catch {
      // never in the app's way
    }
    next(error);
  };
}

function fullPath(req: ExpressRequest): string {
  const url = req.originalUrl ?? req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function errorText(error: unknown, res: ServerResponse): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : error !== undefined ? String(error) : res.statusMessage || `HTTP ${res.statusCode}`;
  return text.slice(0, 2048);
}
