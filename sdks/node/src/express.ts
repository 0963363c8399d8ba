import type { IncomingMessage, ServerResponse } from 'node:http';
import { SentinelClient } from './client.js';
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

const ERROR = Symbol('sentinel.error');

/**
 * Express middleware: `app.use(sentinel({ key }))` before the routes. Records each request when its response is
 * finished (route template from `req.route.path` with the mount path, client ip from `req.ip`, so Express's
 * `trust proxy` setting applies). Errors from the app reach Sentinel through `sentinelErrors()`.
 */
export function sentinel(options: ExpressOptions): SentinelMiddleware {
  const client = options.client ?? new SentinelClient(options);
  const { identifyConsumer } = options;
  const logHeaders = client.options.logHeaders;
  const masked = client.options.maskHeaders;
  const middleware = ((req: ExpressRequest, res: ServerResponse, next: Next) => {
    try {
      const path = req.path ?? (req.url ?? '/').split('?')[0]!;
      if (!client.shouldRecord(path)) return next();
      const start = process.hrtime.bigint();
      res.once('finish', () => {
        try {
          const durationMs = Number(process.hrtime.bigint() - start) / 1e6;
          const routePath = req.route?.path;
          const error = (res as any)[ERROR] as unknown;
          const consumer = identifyConsumer ? identifyConsumer(req, res) : undefined;
          client.capture({
            method: (req.method ?? 'GET').toUpperCase(),
            host: req.hostname ?? req.headers.host ?? '',
            path: fullPath(req),
            route: typeof routePath === 'string' ? (req.baseUrl ?? '') + routePath : undefined,
            status: res.statusCode,
            durationMs: Math.round(durationMs * 1000) / 1000,
            requestBytes: Number(req.headers['content-length'] ?? 0) || 0,
            responseBytes: Number(res.getHeader('content-length') ?? 0) || 0,
            consumerId: consumer ? String(consumer).slice(0, 128) : undefined,
            ip: req.ip ?? req.socket?.remoteAddress,
            userAgent: req.headers['user-agent']?.slice(0, 512),
            headers: logHeaders ? maskHeaders(req.headers, masked) : undefined,
            error: res.statusCode >= 500 ? errorText(error, res) : undefined,
          });
        } catch (e) {
          client.options.logger.error(`sentinel: could not record a request: ${String(e)}`);
        }
      });
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
      (res as any)[ERROR] = error;
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
