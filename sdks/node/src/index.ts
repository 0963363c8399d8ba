export { SentinelClient, type SentinelStats } from './client.js';
export { sentinel, sentinelErrors, type ExpressOptions, type SentinelMiddleware } from './express.js';
export { SECRET_HEADERS, type SentinelOptions, type SentinelLogger } from './options.js';
export { SDK, type ApiEvent, type RequestRecord } from './event.js';
export { maskHeaders } from './headers.js';
export { retryDelayMs, parseRetryAfter } from './retry.js';
