import assert from 'node:assert/strict';
import test from 'node:test';
import { negotiateAnswerCoding, parseAcceptEncoding } from '../../../src/server/http-accept-encoding.js';

test('entries are read with their q-values; malformed q-values drop their entry', () => {
  assert.deepEqual(parseAcceptEncoding('gzip;q=0.5, BR ; Q=1.0, x-gzip;q=0, deflate;q=2, *;q=0.001, ;q=1'), [
    { coding: 'gzip', q: 0.5 },
    { coding: 'br', q: 1 },
    { coding: 'gzip', q: 0 },
    { coding: '*', q: 0.001 },
  ]);
  assert.deepEqual(parseAcceptEncoding('gzip;q=0.1234, br;q=1.5, identity;q=.5'), []);
});

const cases: readonly (readonly [string | undefined, 'gzip' | 'br' | null])[] = [
  [undefined, null],
  ['', null],
  ['identity', null],
  ['identity, *;q=0', null],
  ['gzip', 'gzip'],
  ['br', 'br'],
  ['x-gzip', 'gzip'],
  ['GZIP', 'gzip'],
  ['gzip, br', 'gzip'],
  ['br, gzip', 'br'],
  ['gzip;q=0.5, br', 'br'],
  ['br;q=0, gzip', 'gzip'],
  ['br;q=0', null],
  ['*', 'gzip'],
  ['*;q=0', null],
  ['br;q=0, *', 'gzip'],
  ['gzip;q=0, *', 'br'],
  ['gzip;q=0.2, *;q=0.5', 'br'],
  ['deflate, *;q=0.1, gzip;q=0.1', 'br'],
  ['deflate, compress', null],
  ['gzip;q=0, br;q=0, *;q=1', null],
  ['identity;q=0', null],
];

for (const [header, expected] of cases) {
  test(`Accept-Encoding ${JSON.stringify(header)} gets ${expected ?? 'no coding'}`, () => {
    assert.equal(negotiateAnswerCoding(header), expected);
  });
}

test('only the codings offered are chosen from', () => {
  assert.equal(negotiateAnswerCoding('br, gzip', ['gzip']), 'gzip');
  assert.equal(negotiateAnswerCoding('br', ['gzip']), null);
});
