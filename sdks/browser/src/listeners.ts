// DOM listeners: turn input events into wire events. Passive and capturing on window, so the page's own handlers
// can neither be slowed down (no preventDefault possible) nor hide events from us (stopPropagation).
import { keyClass, keyZone } from './keys';
import type { WireEvent } from './wire';

type Record = (event: WireEvent) => void;

const OPTIONS: AddEventListenerOptions = { capture: true, passive: true };

/** Attribute that marks a field whose key timings form a fixed-phrase sample (e.g. "password"). */
export const FIELD_ATTRIBUTE = 'data-sentinel-field';

export function listen(win: Window, record: Record): () => void {
  const pointer = typeof (win as Window & { PointerEvent?: unknown }).PointerEvent === 'function';
  // Scroll events carry no delta: remember each scroller's position (the page's from the start).
  const scrolls = new WeakMap<EventTarget, [number, number]>([[win, [win.scrollX, win.scrollY]]]);
  const handlers: Array<[string, (e: any) => void]> = [
    ['keydown', (e: KeyboardEvent) => { if (!e.repeat) record(key('keydown', e)); }],
    ['keyup', (e: KeyboardEvent) => record(key('keyup', e))],
    // Chromium and Firefox deliver one pointermove per frame; getCoalescedEvents() holds every sample the device
    // reported in between, with its own timestamp. The models need those (see README "Why every sample").
    ['pointermove', (e: PointerEvent) => {
      if (e.pointerType === 'touch') return;
      const samples = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
      if (samples.length === 0) return record(at('mousemove', e, e.clientX, e.clientY));
      for (const s of samples) record(at('mousemove', s, s.clientX, s.clientY, e.isTrusted));
    }],
    // Real mouse moves arrive above as pointer events; a script that dispatches a bare MouseEvent does not.
    ['mousemove', (e: MouseEvent) => { if (!pointer || !e.isTrusted) record(at('mousemove', e, e.clientX, e.clientY)); }],
    ['mousedown', (e: MouseEvent) => record(click('mousedown', e))],
    ['mouseup', (e: MouseEvent) => record(click('mouseup', e))],
    ['click', (e: MouseEvent) => record(click('click', e))],
    ['wheel', (e: WheelEvent) => record(at('wheel', e, e.deltaX, e.deltaY))],
    ['scroll', (e: Event) => {
      const target = e.target as (Element | Document | null);
      const element = target && 'scrollTop' in target ? target : null;
      const x = element ? element.scrollLeft : win.scrollX;
      const y = element ? element.scrollTop : win.scrollY;
      const last = scrolls.get(element ?? win) ?? [x, y];
      scrolls.set(element ?? win, [x, y]);
      record(at('scroll', e, x - last[0], y - last[1]));
    }],
    ['focusin', (e: FocusEvent) => record(plain('focus', e))],
    ['focusout', (e: FocusEvent) => record(plain('blur', e))],
    ['paste', (e: Event) => record(plain('paste', e))],
    ['touchstart', (e: TouchEvent) => record(touch('touchstart', e))],
    ['touchmove', (e: TouchEvent) => record(touch('touchmove', e))],
    ['touchend', (e: TouchEvent) => record(touch('touchend', e))],
  ];
  for (const [type, handler] of handlers) win.addEventListener(type, handler, OPTIONS);
  return () => { for (const [type, handler] of handlers) win.removeEventListener(type, handler, OPTIONS); };
}

function key(type: 'keydown' | 'keyup', e: KeyboardEvent): WireEvent {
  const event: WireEvent = { t: e.timeStamp, type, key: keyClass(e.code), zone: keyZone(e.code), isTrusted: e.isTrusted };
  const field = fieldOf(e.target);
  if (field) event.field = field;
  return event;
}

function click(type: 'mousedown' | 'mouseup' | 'click', e: MouseEvent): WireEvent {
  const event = at(type, e, e.clientX, e.clientY);
  event.button = e.button;
  return event;
}

function at(type: WireEvent['type'], e: Event, x: number, y: number, trusted = e.isTrusted): WireEvent {
  return { t: e.timeStamp, type, x: round1(x), y: round1(y), isTrusted: trusted };
}

function plain(type: WireEvent['type'], e: Event): WireEvent {
  return { t: e.timeStamp, type, isTrusted: e.isTrusted };
}

function touch(type: WireEvent['type'], e: TouchEvent): WireEvent {
  const point = e.changedTouches[0];
  return point ? at(type, e, point.clientX, point.clientY) : plain(type, e);
}

function fieldOf(target: EventTarget | null): string | undefined {
  const element = target as Element | null;
  const marked = element && typeof element.closest === 'function' ? element.closest(`[${FIELD_ATTRIBUTE}]`) : null;
  return marked?.getAttribute(FIELD_ATTRIBUTE)?.slice(0, 64) || undefined;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
