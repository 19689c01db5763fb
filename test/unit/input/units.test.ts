import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BYTES_EXPECTED, RATE_EXPECTED, RATE_OR_ZERO_EXPECTED, parseBytes, parseRate } from '../../../src/input/units.js';

test('parseRate: calls per second from /s, /m and /h', () => {
  const table: ReadonlyArray<[string, number]> = [
    ['200/s', 200],
    ['1.5/s', 1.5],
    ['30/m', 0.5],
    ['100/h', 100 / 3600],
    [' 60 / m ', 1],
    ['0.5/s', 0.5],
  ];
  for (const [text, perSecond] of table) assert.deepEqual(parseRate(text), { ok: true, value: perSecond }, text);
});

test('parseRate: a unit is required, and the rate must be above 0', () => {
  for (const text of ['200', '0/s', '0.0/m', '-5/s', '200/ms', '200/d', '200 per second', '/s', '', 'fast']) {
    assert.deepEqual(parseRate(text), { ok: false, expected: RATE_EXPECTED }, text);
  }
});

test('parseRate with allowZero: 0/s (or 0/m, 0.0/h) is accepted, anything else as without it', () => {
  for (const text of ['0/s', '0/m', '0.0/h', ' 0 / s ']) assert.deepEqual(parseRate(text, { allowZero: true }), { ok: true, value: 0 }, text);
  assert.deepEqual(parseRate('30/m', { allowZero: true }), { ok: true, value: 0.5 });
  for (const text of ['0', '-1/s', '5/ms', '']) {
    assert.deepEqual(parseRate(text, { allowZero: true }), { ok: false, expected: RATE_OR_ZERO_EXPECTED }, text);
  }
});

test('parseBytes: decimal units are powers of 1000, binary ones powers of 1024; plain numbers are bytes', () => {
  const table: ReadonlyArray<[string | number, number]> = [
    ['512B', 512],
    ['64KiB', 65_536],
    ['50MB', 50_000_000],
    ['1GB', 1_000_000_000],
    ['1MiB', 1_048_576],
    ['1GiB', 1_073_741_824],
    ['2KB', 2_000],
    ['1.5MiB', 1_572_864],
    ['50 mb', 50_000_000],
    ['4096', 4_096],
    [4096, 4_096],
    [0, 0],
    ['0', 0],
  ];
  for (const [text, bytes] of table) assert.deepEqual(parseBytes(text), { ok: true, value: bytes }, String(text));
});

test('parseBytes: rejects fractions of a byte, negative numbers and unknown units', () => {
  for (const text of ['1.5', 1.5, -1, '-1MB', '10XB', '10 bits', 'MB', '', 'lots']) {
    assert.deepEqual(parseBytes(text), { ok: false, expected: BYTES_EXPECTED }, String(text));
  }
  assert.match(BYTES_EXPECTED, /KB, MB, GB are powers of 1000; KiB, MiB, GiB powers of 1024/);
});
