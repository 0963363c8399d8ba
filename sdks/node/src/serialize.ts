import type { QueuedEvent } from './event.js';

// A string that JSON can carry between quotes as it is: no quote, backslash, control character or UTF-16 surrogate
// (JSON.stringify writes lone surrogates as \u escapes; pairs would be fine, but testing for them is not worth it).
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function str(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
}

function num(value: number): string {
  return Number.isFinite(value) ? `${value}` : 'null';
}

/**
 * `{"events":[...]}` for a batch, the same text JSON.stringify gives for these events (same keys, same order, undefined
 * fields left out; `serialize.test` in test/unit.test.mjs compares them), written for the one fixed shape the buffer holds.
 * About half of JSON.stringify's time per event (bench/capture.mjs): no walk over keys and values of unknown type.
 * Headers (opt-in) and the sdk object still go through JSON.stringify.
 */
export function serializeBatch(events: readonly QueuedEvent[]): string {
  let out = '{"events":[';
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    let s = i === 0 ? '{' : ',{';
    let sep = '';
    if (e.id !== undefined) { s += `"id":${str(e.id)}`; sep = ','; }
    if (e.timestamp !== undefined) { s += `${sep}"timestamp":${typeof e.timestamp === 'number' ? num(e.timestamp) : str(e.timestamp)}`; sep = ','; }
    if (e.method !== undefined) { s += `${sep}"method":${str(e.method)}`; sep = ','; }
    if (e.host !== undefined) { s += `${sep}"host":${str(e.host)}`; sep = ','; }
    if (e.path !== undefined) { s += `${sep}"path":${str(e.path)}`; sep = ','; }
    if (e.route !== undefined) { s += `${sep}"route":${str(e.route)}`; sep = ','; }
    if (e.status !== undefined) { s += `${sep}"status":${num(e.status)}`; sep = ','; }
    if (e.durationMs !== undefined) { s += `${sep}"durationMs":${num(e.durationMs)}`; sep = ','; }
    if (e.requestBytes !== undefined) { s += `${sep}"requestBytes":${num(e.requestBytes)}`; sep = ','; }
    if (e.responseBytes !== undefined) { s += `${sep}"responseBytes":${num(e.responseBytes)}`; sep = ','; }
    if (e.consumerId !== undefined) { s += `${sep}"consumerId":${str(e.consumerId)}`; sep = ','; }
    if (e.ip !== undefined) { s += `${sep}"ip":${str(e.ip)}`; sep = ','; }
    if (e.userAgent !== undefined) { s += `${sep}"userAgent":${str(e.userAgent)}`; sep = ','; }
    if (e.environment !== undefined) { s += `${sep}"environment":${str(e.environment)}`; sep = ','; }
    if (e.sdk !== undefined) { s += `${sep}"sdk":${sdkJson(e.sdk)}`; sep = ','; }
    if (e.headers !== undefined) { s += `${sep}"headers":${JSON.stringify(e.headers)}`; sep = ','; }
    if (e.error !== undefined) { s += `${sep}"error":${str(e.error)}`; }
    out += s + '}';
  }
  return out + ']}';
}

let lastSdk: object | undefined;
let lastSdkJson = '';

/** Every event carries the same SDK object: its JSON is written once. */
function sdkJson(sdk: object): string {
  if (sdk !== lastSdk) {
    lastSdkJson = JSON.stringify(sdk);
    lastSdk = sdk;
  }
  return lastSdkJson;
}
