import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyClass, keyZone, UNKNOWN_ZONE } from '../src/keys';

test('letters, digits and named keys get their class from the physical code', () => {
  assert.equal(keyClass('KeyA'), 'letter');
  assert.equal(keyClass('KeyZ'), 'letter');
  assert.equal(keyClass('Digit5'), 'digit');
  assert.equal(keyClass('Numpad0'), 'digit');
  assert.equal(keyClass('Space'), 'space');
  assert.equal(keyClass('Enter'), 'enter');
  assert.equal(keyClass('NumpadEnter'), 'enter');
  assert.equal(keyClass('Backspace'), 'backspace');
  assert.equal(keyClass('ShiftLeft'), 'modifier');
  assert.equal(keyClass('MetaRight'), 'modifier');
  assert.equal(keyClass('ArrowLeft'), 'navigation');
  assert.equal(keyClass('Tab'), 'navigation');
  assert.equal(keyClass('Period'), 'punctuation');
  assert.equal(keyClass('F5'), 'other');
  assert.equal(keyClass(''), 'other');
});

test('a class never depends on a character: "KeyA" is the same class on any layout, and characters are not codes', () => {
  // event.key values ("a", ".", "5") are not codes: handed one by mistake, the collector says "other", not the key.
  for (const character of ['a', 'A', '.', '5', 'é', ' ']) assert.equal(keyClass(character), 'other');
});

test('zones are row * 16 + column / 2, so neighbours share a zone and rows differ', () => {
  assert.equal(keyZone('KeyQ'), 2 * 16 + 0); // Tab is column 0, Q column 1
  assert.equal(keyZone('KeyW'), 2 * 16 + 1);
  assert.equal(keyZone('KeyE'), keyZone('KeyW'));
  assert.equal(keyZone('KeyA'), 3 * 16 + 0);
  assert.equal(keyZone('Space'), 5 * 16 + 1);
  assert.notEqual(keyZone('KeyT'), keyZone('KeyG'));
  assert.equal(keyZone('MediaPlayPause'), UNKNOWN_ZONE);
  assert.equal(keyZone(''), UNKNOWN_ZONE);
});

test('every known zone fits the contract range 0..255', () => {
  const codes = ['Escape', 'F12', 'Backquote', 'Equal', 'Backslash', 'Enter', 'ShiftRight', 'ControlRight', 'ArrowRight', 'NumpadDecimal'];
  for (const code of codes) {
    const zone = keyZone(code);
    assert.ok(zone >= 0 && zone < UNKNOWN_ZONE, `${code} -> ${zone}`);
  }
});
