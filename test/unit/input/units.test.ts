import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BYTES_EXPECTED,
  DURATION_MAX_EXPECTED,
  DURATION_MAX_HINT,
  RATE_EXPECTED,
  RATE_MAX_EXPECTED,
  RATE_MAX_HINT,
  RATE_OR_ZERO_EXPECTED,
  parseBytes,
  parseDuration,
  parseRate,
} from '../../../src/input/units.js';

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

test('parseDuration: at most 24h, anything longer refused with its own reason (600h no longer overflows a timer)', () => {
  for (const text of ['24h', '1440m', '86400s', '86400000ms']) assert.deepEqual(parseDuration(text), { ok: true, value: 86_400_000_000 }, text);
  const tooLong = { ok: false, expected: DURATION_MAX_EXPECTED, hint: DURATION_MAX_HINT };
  for (const text of ['600h', '24.001h', '86400001ms', '1441m', '99999999999999999999h']) assert.deepEqual(parseDuration(text), tooLong, text);
  assert.equal(DURATION_MAX_EXPECTED, 'a duration of at most 24h');
});

test('parseRate: at most 1,000,000/s, anything higher refused with its own reason', () => {
  assert.deepEqual(parseRate('1000000/s'), { ok: true, value: 1_000_000 });
  assert.deepEqual(parseRate('60000000/m', { allowZero: true }), { ok: true, value: 1_000_000 });
  const tooFast = { ok: false, expected: RATE_MAX_EXPECTED, hint: RATE_MAX_HINT };
  for (const text of ['1000001/s', '1000000000000/s', '3600000001/h']) assert.deepEqual(parseRate(text), tooFast, text);
  assert.equal(RATE_MAX_EXPECTED, 'a rate of at most 1,000,000/s');
});
