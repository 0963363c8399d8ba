// Session ids: 8..128 chars of [A-Za-z0-9_-] (the contract); generated from crypto.getRandomValues, never stored.

const SESSION_ID = /^[A-Za-z0-9_-]{8,128}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function isValidSessionId(value: string): boolean {
  return SESSION_ID.test(value);
}

/** 22 characters of 64 symbols: 132 random bits. */
export function newSessionId(getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => void): string {
  const bytes = new Uint8Array(22);
  getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
