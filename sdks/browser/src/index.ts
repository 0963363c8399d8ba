// Sentinel's browser collector: the global `Sentinel` (bundled as one IIFE by build.mjs).
import { Client, type Answer } from './client';
import { listen } from './listeners';
import { isValidSessionId, newSessionId } from './session';
import { isAction, type Action } from './wire';

export interface InitOptions {
  /** The project's publishable key. */
  key: string;
  /** Sentinel's base URL; defaults to the origin that served this script. */
  endpoint?: string;
  /** Your own session id (8..128 of [A-Za-z0-9_-]); a random one otherwise. */
  sessionId?: string;
  /** Your id for the signed-in user (stored by Sentinel only as a salted hash). */
  userId?: string;
  /** Called whenever the action changes. */
  onAction?: (action: Action) => void;
}

export interface Handle {
  readonly sessionId: string;
  getAction(): Action | null;
  flush(): Promise<Action | null>;
  stop(): void;
}

const scriptOrigin = originOf((document.currentScript as HTMLScriptElement | null)?.src);
let active: Handle | null = null;

export function init(options: InitOptions): Handle {
  if (active) return active;
  if (!options || typeof options.key !== 'string' || options.key === '') throw new Error('Sentinel.init: key is required');
  const sessionId = options.sessionId ?? newSessionId((bytes) => { crypto.getRandomValues(bytes); });
  if (!isValidSessionId(sessionId)) throw new Error('Sentinel.init: sessionId must be 8..128 of [A-Za-z0-9_-]');
  const base = (options.endpoint ?? scriptOrigin ?? location.origin).replace(/\/+$/, '');
  const url = `${base}/v1/trust/events?key=${encodeURIComponent(options.key)}`;

  const client = new Client({ sessionId, userId: options.userId }, {
    post: (body) => post(url, body),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as number),
    now: () => performance.now(),
    epochNow: () => Date.now(),
    random: Math.random,
    onAction: options.onAction,
  });
  const unlisten = listen(window, (event) => client.record(event));

  // sendBeacon survives the page; a text/plain Blob is a "simple" request (no CORS preflight), and the key rides in
  // the query string because a beacon cannot set headers.
  const leave = (): void => {
    for (const body of client.drain()) navigator.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
  };
  const hidden = (): void => { if (document.visibilityState === 'hidden') leave(); };
  addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', hidden);

  const handle: Handle = {
    sessionId,
    getAction: () => client.getAction(),
    flush: () => client.flush(),
    stop: () => {
      unlisten();
      removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
      client.stop();
      active = null;
    },
  };
  active = handle;
  return handle;
}

export function getAction(): Action | null {
  return active ? active.getAction() : null;
}

export function flush(): Promise<Action | null> {
  return active ? active.flush() : Promise.resolve(null);
}

/** Same-origin-free POST: text/plain (no preflight), no cookies, keepalive so a batch in flight outlives the page. */
async function post(url: string, body: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    credentials: 'omit',
    keepalive: body.length < 60000,
  });
  let action: Action | null = null;
  if (response.ok) {
    const json: unknown = await response.json().catch(() => null);
    const value = json && typeof json === 'object' ? (json as { action?: unknown }).action : null;
    action = isAction(value) ? value : null;
  }
  return { status: response.status, retryAfter: response.headers.get('Retry-After'), action };
}

function originOf(src: string | undefined): string | null {
  try {
    return src ? new URL(src).origin : null;
  } catch {
    return null;
  }
}
