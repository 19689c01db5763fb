import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { payloadText } from '../../../src/server/payload-text.js';

test('payload text: exactly the bytes asked, x repeated or seeded random letters, the same every time', () => {
  assert.equal(payloadText(5, false), 'xxxxx');
  assert.equal(payloadText(0, true), '');
  const random = payloadText(100_000, true);
  assert.equal(Buffer.byteLength(random), 100_000);
  assert.match(random, /^[A-Za-z0-9+/]+$/);
  assert.equal(payloadText(100_000, true), random);
  assert.equal(payloadText(1000, true), random.slice(0, 1000), 'one stream: a shorter payload is the longer one\'s start');
});

test('random text compresses by about a quarter (six bits a byte); x repeated by almost all of it', () => {
  const ratio = (text: string): number => gzipSync(text).length / text.length;
  assert.ok(ratio(payloadText(1 << 20, true)) > 0.7 && ratio(payloadText(1 << 20, true)) < 0.8, String(ratio(payloadText(1 << 20, true))));
  assert.ok(ratio(payloadText(1 << 20, false)) < 0.01);
});
