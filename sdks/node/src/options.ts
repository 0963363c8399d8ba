/** What the app configures. Only `key` is required. */
export interface SentinelOptions {
  /** The project's ingest key (`snt_ing_...`). */
  key: string;
  /** Sentinel's base address, e.g. `https://sentinel.example.com`. Default `http://localhost:5080`. */
  endpoint?: string;
  /** `environment` of every event (letters, digits, `-_.`). Default `NODE_ENV` or `production`. */
  environment?: string;
  /** Send when this many events wait (1-1000). Default 200. */
  maxBatchSize?: number;
  /** Send at least this often while events wait, in ms. Default 2000. */
  flushIntervalMs?: number;
  /** Events kept in memory at most (waiting plus in flight); past it the oldest are dropped and counted. Default 10000. */
  maxBufferSize?: number;
  /** Fraction of requests recorded, 0-1. Default 1. */
  sampleRate?: number;
  /** Paths not recorded: a string matches the path and everything under it, a RegExp is tested against the path. */
  excludePaths?: Array<string | RegExp>;
  /** Record request headers (masked). Default false. */
  logHeaders?: boolean;
  /** Header names masked in addition to authorization, cookie, set-cookie, x-api-key. */
  maskHeaders?: string[];
  /** First retry delay in ms; it doubles per attempt with full jitter. Default 500. */
  retryBaseMs?: number;
  /** Longest wait between attempts in ms (a longer Retry-After is honoured up to this). Default 30000. */
  retryMaxMs?: number;
  /** How long one POST may take, in ms. Default 10000. */
  requestTimeoutMs?: number;
  /** How long `close()` and the shutdown hooks wait for the buffer to drain, in ms. Default 5000. */
  shutdownTimeoutMs?: number;
  /**
   * Batches posted at the same time (1-16). Default 4: one batch in flight moves at most maxBatchSize events per
   * round trip (200 per 50 ms = 4,000/s), less than one Express process serves; four cover it at that round trip.
   */
  maxConcurrentSends?: number;
  /** Flush on `beforeExit`, SIGTERM and SIGINT. Default true. */
  handleShutdown?: boolean;
  /** gzip the batches. Default true. */
  gzip?: boolean;
  /** Where the SDK logs (console-like). Default console for warnings and errors. */
  logger?: SentinelLogger;
}

export interface SentinelLogger {
  debug?(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type ResolvedOptions = Required<Omit<SentinelOptions, 'logger'>> & { logger: SentinelLogger };

export const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-api-key'];

/** Defaults applied and every value checked once, so a wrong setting fails at start and never in a request. */
export function resolveOptions(options: SentinelOptions): ResolvedOptions {
  if (!options || typeof options.key !== 'string' || options.key.trim() === '') {
    throw new TypeError('sentinel: options.key (the project ingest key) is required');
  }
  const resolved: ResolvedOptions = {
    key: options.key.trim(),
    endpoint: (options.endpoint ?? 'http://localhost:5080').replace(/\/+$/, ''),
    environment: options.environment ?? process.env.NODE_ENV ?? 'production',
    maxBatchSize: options.maxBatchSize ?? 200,
    flushIntervalMs: options.flushIntervalMs ?? 2000,
    maxBufferSize: options.maxBufferSize ?? 10_000,
    sampleRate: options.sampleRate ?? 1,
    excludePaths: options.excludePaths ?? [],
    logHeaders: options.logHeaders ?? false,
    maskHeaders: [...SECRET_HEADERS, ...(options.maskHeaders ?? []).map((h) => h.toLowerCase())],
    retryBaseMs: options.retryBaseMs ?? 500,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5000,
    maxConcurrentSends: options.maxConcurrentSends ?? 4,
    handleShutdown: options.handleShutdown ?? true,
    gzip: options.gzip ?? true,
    logger: options.logger ?? { warn: (m) => console.warn(m), error: (m) => console.error(m) },
  };
  try {
    new URL(resolved.endpoint);
  } catch {
    throw new TypeError(`sentinel: options.endpoint is not a URL: ${resolved.endpoint}`);
  }
  check('maxBatchSize', resolved.maxBatchSize, 1, 1000);
  check('flushIntervalMs', resolved.flushIntervalMs, 1, 3_600_000);
  check('maxBufferSize', resolved.maxBufferSize, resolved.maxBatchSize, 10_000_000);
  check('sampleRate', resolved.sampleRate, 0, 1);
  check('retryBaseMs', resolved.retryBaseMs, 1, 3_600_000);
  check('retryMaxMs', resolved.retryMaxMs, resolved.retryBaseMs, 3_600_000);
  check('requestTimeoutMs', resolved.requestTimeoutMs, 1, 600_000);
  check('shutdownTimeoutMs', resolved.shutdownTimeoutMs, 0, 600_000);
  check('maxConcurrentSends', resolved.maxConcurrentSends, 1, 16);
  if (!Number.isInteger(resolved.maxConcurrentSends)) throw new RangeError(`sentinel: options.maxConcurrentSends must be a whole number (got ${resolved.maxConcurrentSends})`);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(resolved.environment)) {
    throw new TypeError('sentinel: options.environment may contain only letters, digits, - _ and . (at most 64)');
  }
  return resolved;
}

function check(name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new RangeError(`sentinel: options.${name} must be between ${min} and ${max} (got ${value})`);
  }
}
