// When to try a failed batch again: exponential backoff with jitter, and never before the server's Retry-After.

export interface RetryOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A batch that failed this many times in a row is dropped, so one bad period does not hold the page forever. */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryOptions = { baseDelayMs: 500, maxDelayMs: 30000, maxAttempts: 8 };

export type Outcome = 'ok' | 'retry' | 'shrink' | 'drop' | 'stop';

/** What to do with a batch after the server answered `status` (0: the request never got an answer). */
export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  if (status === 413) return 'shrink';
  // 401 unknown or revoked key, 403 wrong key kind or origin: sending more cannot succeed.
  if (status === 401 || status === 403) return 'stop';
  return 'drop';
}

/** Retry-After as milliseconds from now: either delay-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowEpochMs: number): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowEpochMs);
}

/**
 * Delay before attempt `attempt` (1 = first retry). "Equal jitter": half of the exponential step is fixed, half
 * random, so the delay always grows and many pages that failed together do not retry together. A Retry-After is a
 * floor, stretched by up to 20% for the same reason.
 */
export function retryDelay(attempt: number, retryAfterMs: number | null, random: () => number, options: RetryOptions = DEFAULT_RETRY): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const backoff = step / 2 + (random() * step) / 2;
  if (retryAfterMs == null) return backoff;
  return Math.max(backoff, retryAfterMs * (1 + 0.2 * random()));
}
