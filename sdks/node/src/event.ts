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
