// The shapes of POST /v1/trust/events (docs: /work/briefs/trust-wire-contract.md, mirrored in README.md).

export type EventType =
  | 'keydown' | 'keyup'
  | 'mousemove' | 'mousedown' | 'mouseup' | 'click'
  | 'wheel' | 'scroll'
  | 'focus' | 'blur' | 'paste'
  | 'touchstart' | 'touchmove' | 'touchend';

export type KeyClass =
  | 'letter' | 'digit' | 'space' | 'enter' | 'backspace' | 'modifier' | 'navigation' | 'punctuation' | 'other';

export type Action = 'ALLOW' | 'CHALLENGE' | 'BLOCK';

export interface WireEvent {
  t: number;
  type: EventType;
  x?: number;
  y?: number;
  key?: KeyClass;
  zone?: number;
  field?: string;
  button?: number;
  isTrusted: boolean;
}

export interface Batch {
  sessionId: string;
  userId?: string;
  events: WireEvent[];
}

/** The server accepts 1..500 events per batch. */
export const MAX_EVENTS_PER_BATCH = 500;

export function isAction(value: unknown): value is Action {
  return value === 'ALLOW' || value === 'CHALLENGE' || value === 'BLOCK';
}
