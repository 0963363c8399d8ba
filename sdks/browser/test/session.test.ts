import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { isValidSessionId, newSessionId } from '../src/session';

test('generated session ids satisfy the contract and do not repeat', () => {
  const ids = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const id = newSessionId((bytes) => { webcrypto.getRandomValues(bytes); });
    assert.ok(isValidSessionId(id), id);
    ids.add(id);
  }
  assert.equal(ids.size, 1000);
});

test('session ids outside 8..128 of [A-Za-z0-9_-] are refused', () => {
  assert.equal(isValidSessionId('short'), false);
  assert.equal(isValidSessionId('has space in it'), false);
  assert.equal(isValidSessionId('x'.repeat(129)), false);
  assert.equal(isValidSessionId('abc-DEF_123'), true);
});
