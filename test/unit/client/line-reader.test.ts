import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idAtEdges, sampleOf } from '../../../src/client/transports/bad-output.js';
import { LineReader } from '../../../src/client/transports/line-reader.js';

function reader(max: number) {
  const got: string[] = [];
  const oversized: { head: string; tail: string }[] = [];
  const lines = new LineReader(max, { line: (text) => got.push(text), oversized: (head, tail) => oversized.push({ head, tail }) }, 'the limit');
  return { lines, got, oversized };
}

describe('LineReader', () => {
  it('splits lines across and within chunks, drops blank lines and a \\r before \\n', () => {
    const { lines, got } = reader(1024);
    lines.push(Buffer.from('{"a":1}\n{"b"'));
    lines.push(Buffer.from(':2}\r\n\n  \n{"c":'));
    lines.push(Buffer.from('3}'));
    assert.deepEqual(got, ['{"a":1}', '{"b":2}']);
    lines.push(Buffer.from('\n'));
    assert.deepEqual(got, ['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('a line over the limit is skipped to its end, keeping its edges, and the next line reads normally', () => {
    const { lines, got, oversized } = reader(1000);
    const big = `{"jsonrpc":"2.0","id":7,"result":{"text":"${'x'.repeat(5000)}"}}`;
    for (let i = 0; i < big.length; i += 300) lines.push(Buffer.from(big.slice(i, i + 300)));
    lines.push(Buffer.from('\n{"after":1}\n'));
    assert.deepEqual(got, ['{"after":1}']);
    assert.equal(oversized.length, 1);
    assert.ok(big.startsWith(oversized[0]!.head) && oversized[0]!.head.length === 256);
    assert.ok(big.endsWith(oversized[0]!.tail) && oversized[0]!.tail.length === 256);
  });

  it('a line over the limit inside one chunk is skipped too; one at exactly the limit is read', () => {
    const { lines, got, oversized } = reader(10);
    lines.push(Buffer.from('0123456789\n01234567890\nok\n'));
    assert.deepEqual(got, ['0123456789', 'ok']);
    assert.deepEqual(oversized, [{ head: '01234567890', tail: '01234567890' }]);
  });
});

describe('idAtEdges', () => {
  it('finds a top-level id at the start (after scalar members) or as the last member', () => {
    assert.equal(idAtEdges('{"jsonrpc":"2.0","id":7,"result":{"x":"', 'xx"}}'), 7);
    assert.equal(idAtEdges('{"result":{"content":[{"type":"text","text":"', 'xxx"}]},"jsonrpc":"2.0","id":12}'), 12);
    assert.equal(idAtEdges('{"id":"abc","result":{', '}}'), 'abc');
  });

  it('does not take a nested id, an id inside a string, or a request\'s id', () => {
    assert.equal(idAtEdges('{"result":{"id":5,"x":"', 'x","y":{"id":9}}}'), null);
    assert.equal(idAtEdges('{"result":{"text":"', 'x \\"id\\":3}"}}'), null);
    assert.equal(idAtEdges('{"jsonrpc":"2.0","method":"notifications/message","params":{"id":4', '"}}'), null);
  });
});

describe('sampleOf', () => {
  it('one line of at most 80 characters', () => {
    assert.equal(sampleOf('hello\nworld'), 'hello world');
    const long = sampleOf('y'.repeat(500));
    assert.equal(long.length, 80);
    assert.ok(long.endsWith('…'));
  });
});
