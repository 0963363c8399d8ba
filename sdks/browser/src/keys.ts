// Key classes and zones from KeyboardEvent.code (the physical key), never from event.key (the character).
import type { KeyClass } from './wire';

// Physical rows of a PC keyboard. A key's zone is row * 16 + column / 2: two neighbouring keys share a zone, so
// hold and flight times per zone pair are still comparable while the zone alone does not say which key was hit.
const ROWS: readonly string[][] = [
  ['Escape', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12'],
  ['Backquote', 'Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9', 'Digit0', 'Minus', 'Equal', 'Backspace'],
  ['Tab', 'KeyQ', 'KeyW', 'KeyE', 'KeyR', 'KeyT', 'KeyY', 'KeyU', 'KeyI', 'KeyO', 'KeyP', 'BracketLeft', 'BracketRight', 'Backslash'],
  ['CapsLock', 'KeyA', 'KeyS', 'KeyD', 'KeyF', 'KeyG', 'KeyH', 'KeyJ', 'KeyK', 'KeyL', 'Semicolon', 'Quote', 'Enter'],
  ['ShiftLeft', 'IntlBackslash', 'KeyZ', 'KeyX', 'KeyC', 'KeyV', 'KeyB', 'KeyN', 'KeyM', 'Comma', 'Period', 'Slash', 'IntlRo', 'ShiftRight'],
  ['ControlLeft', 'MetaLeft', 'AltLeft', 'Space', 'AltRight', 'MetaRight', 'ContextMenu', 'ControlRight'],
  ['Insert', 'Home', 'PageUp', 'Delete', 'End', 'PageDown', 'ArrowUp', 'ArrowLeft', 'ArrowDown', 'ArrowRight'],
  ['NumLock', 'NumpadDivide', 'NumpadMultiply', 'NumpadSubtract', 'Numpad7', 'Numpad8', 'Numpad9', 'NumpadAdd',
    'Numpad4', 'Numpad5', 'Numpad6', 'Numpad1', 'Numpad2', 'Numpad3', 'NumpadEnter', 'Numpad0', 'NumpadDecimal'],
];

/** Zone of a key the table does not know (media keys, IME keys, an empty code from a virtual keyboard). */
export const UNKNOWN_ZONE = 255;

const ZONES: Map<string, number> = new Map();
ROWS.forEach((row, r) => row.forEach((code, c) => ZONES.set(code, r * 16 + (c >> 1))));

const NAMED: Record<string, KeyClass> = {
  Space: 'space',
  Enter: 'enter', NumpadEnter: 'enter',
  Backspace: 'backspace', Delete: 'backspace',
  CapsLock: 'modifier', NumLock: 'modifier', Fn: 'modifier', FnLock: 'modifier', ContextMenu: 'modifier',
  Tab: 'navigation', Escape: 'navigation', Home: 'navigation', End: 'navigation', PageUp: 'navigation',
  PageDown: 'navigation', Insert: 'navigation',
  Backquote: 'punctuation', Minus: 'punctuation', Equal: 'punctuation', BracketLeft: 'punctuation',
  BracketRight: 'punctuation', Backslash: 'punctuation', Semicolon: 'punctuation', Quote: 'punctuation',
  Comma: 'punctuation', Period: 'punctuation', Slash: 'punctuation', IntlBackslash: 'punctuation',
  IntlRo: 'punctuation', IntlYen: 'punctuation', NumpadDecimal: 'punctuation', NumpadDivide: 'punctuation',
  NumpadMultiply: 'punctuation', NumpadSubtract: 'punctuation', NumpadAdd: 'punctuation',
  NumpadComma: 'punctuation', NumpadEqual: 'punctuation',
};

export function keyClass(code: string): KeyClass {
  if (/^Key[A-Z]$/.test(code)) return 'letter';
  if (/^(Digit|Numpad)[0-9]$/.test(code)) return 'digit';
  if (/^(Shift|Control|Alt|Meta|OS)(Left|Right)?$/.test(code)) return 'modifier';
  if (code.startsWith('Arrow')) return 'navigation';
  return NAMED[code] ?? 'other';
}

export function keyZone(code: string): number {
  return ZONES.get(code) ?? UNKNOWN_ZONE;
}
