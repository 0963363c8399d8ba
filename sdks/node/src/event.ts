/** One API request as Sentinel stores it (README "API analytics ingestion"). */
export interface ApiEvent {
  id: string;
  /** ISO 8601 text or Unix milliseconds (the SDK sends milliseconds: no date formatting in the request path). */
  timestamp: string | number;
  method: string;
  host: string;
  path: string;
  route?: string;
  status: number;
  durationMs: number;
  requestBytes?: number;
  responseBytes?: number;
  consumerId?: string;
  ip?: string;
  userAgent?: string;
  environment?: string;
  sdk?: { name: string; version: string };
  headers?: Record<string, string>;
  error?: string;
}

/** What a framework integration knows about a finished request; the client fills in id, timestamp, sdk, environment. */
export type RequestRecord = Omit<ApiEvent, 'id' | 'timestamp' | 'sdk' | 'environment'> & {
  id?: string;
  timestamp?: string | number | Date;
  environment?: string;
};

export const SDK = { name: 'sentinel-node', version: '0.1.0' } as const;

/** An event as it waits in the buffer: the id stays empty until its batch is first serialised (once, off the request path). */
export type QueuedEvent = Omit<ApiEvent, 'id'> & { id: string | undefined };

/**
 * Copies a record into the buffer's one fixed shape, every key always present. Not `{ ...record }`: V8 spreads an
 * object with many keys through its slow path (about 6 µs per request against 50 ns for this literal, measured with
 * bench/capture.mjs), and objects of one shape also serialise on JSON.stringify's fast path.
 */
export function queuedEvent(r: RequestRecord, timestamp: number | string, environment: string): QueuedEvent {
  return {
    id: r.id,
    timestamp,
    method: r.method,
    host: r.host,
    path: r.path,
    route: r.route,
    status: r.status,
    durationMs: r.durationMs,
    requestBytes: r.requestBytes,
    responseBytes: r.responseBytes,
    consumerId: r.consumerId,
    ip: r.ip,
    userAgent: r.userAgent,
    environment,
    sdk: SDK,
    headers: r.headers,
    error: r.error,
  };
}
