import assert from 'node:assert/strict';
import type http from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { acceptEncoding, AnswerReader, bodyCoding, type AnswerListener } from '../../../src/client/transports/http-answer.js';

/** A response body fed by the test: a stream node:http would hand over, `complete` once its end has come. */
function fakeResponse(): http.IncomingMessage & PassThrough {
  const res = new PassThrough() as unknown as http.IncomingMessage & PassThrough;
  (res as { complete: boolean }).complete = false;
  res.once('end', () => ((res as { complete: boolean }).complete = true));
  return res;
}

interface Heard {
  text: string;
  ended: boolean;
  undecodable: Error | null;
  closed: number;
}

function reading(limit = Infinity): { reader: AnswerReader; heard: Heard; closed: Promise<void> } {
  const heard: Heard = { text: '', ended: false, undecodable: null, closed: 0 };
  let done!: () => void;
  const closed = new Promise<void>((resolve) => (done = resolve));
  const listener: AnswerListener = {
    answerText: (chunk) => {
      heard.text += chunk;
      // As an exchange does with a JSON body: past the limit, nothing more is wanted.
      if (reader.decodedBytes > limit) reader.stop();
    },
    answerEnd: () => void (heard.ended = true),
    answerUndecodable: (error) => void (heard.undecodable = error),
    answerClosed: () => {
      heard.closed++;
      done();
    },
  };
  const reader: AnswerReader = new AnswerReader(listener);
  return { reader, heard, closed };
}

const BODY = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'é'.repeat(20_000) }] } });

describe('AnswerReader', () => {
  it('a plain body: text in order, its bytes on the wire and decoded the same', async () => {
    const res = fakeResponse();
    const { reader, heard, closed } = reading();
    reader.attach(res);
    reader.read('identity');
    const bytes = Buffer.from(BODY);
    // Split inside a two-byte character: the text must still come out whole.
    res.write(bytes.subarray(0, 1001));
    res.end(bytes.subarray(1001));
    await closed;
    assert.equal(heard.text, BODY);
    assert.ok(heard.ended);
    assert.equal(reader.wireBytes, bytes.length);
    assert.equal(reader.decodedBytes, bytes.length);
    assert.equal(heard.closed, 1);
  });

  for (const [coding, compress] of [['gzip', gzipSync], ['br', brotliCompressSync]] as const) {
    it(`a ${coding} body is decoded as it streams: wire bytes are the compressed ones, decoded the body's`, async () => {
      const res = fakeResponse();
      const { reader, heard, closed } = reading();
      reader.attach(res);
      reader.read(coding);
      const compressed = compress(BODY);
      for (let i = 0; i < compressed.length; i += 7) res.write(compressed.subarray(i, i + 7));
      res.end();
      await closed;
      assert.equal(heard.text, BODY);
      assert.ok(heard.ended);
      assert.equal(reader.wireBytes, compressed.length);
      assert.equal(reader.decodedBytes, Buffer.byteLength(BODY));
      assert.ok(reader.wireBytes < reader.decodedBytes);
    });
  }

  it('a gzip bomb stops at the limit: 16 KiB that inflate to 16 MiB are decoded by at most one chunk past 1 MiB', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024));
    assert.ok(bomb.length < 32 * 1024);
    const res = fakeResponse();
    const limit = 1024 * 1024;
    const { reader, heard, closed } = reading(limit);
    reader.attach(res);
    reader.read('gzip');
    res.write(bomb);
    // Turns of the event loop until the limit is passed (the decoder works on the thread pool); bounded, no clock.
    for (let turn = 0; turn < 10_000 && reader.decodedBytes <= limit; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(reader.decodedBytes > limit, `decoded only ${reader.decodedBytes}`);
    // The response stays open: only stop() can have halted the decoder. Let it run, were it still running.
    for (let turn = 0; turn < 2000; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(reader.decodedBytes <= limit + 64 * 1024, `decoded ${reader.decodedBytes} bytes while the response was open`);
    res.destroy();
    await closed;
    // The decoder was destroyed where the limit was passed: nothing after that one chunk was inflated.
    assert.ok(reader.decodedBytes <= limit + 64 * 1024, `decoded ${reader.decodedBytes} bytes: more than one chunk past the limit`);
    assert.equal(heard.ended, false);
    assert.equal(heard.closed, 1);
  });

  it('a body that is not gzip is undecodable, and the reader still closes once', async () => {
    const res = fakeResponse();
    const { reader, heard, closed } = reading();
    reader.attach(res);
    reader.read('gzip');
    res.end(Buffer.from('{"jsonrpc":"2.0","id":1,"result":{}}'));
    await closed;
    assert.ok(heard.undecodable instanceof Error);
    assert.equal(heard.ended, false);
    assert.equal(heard.closed, 1);
  });

  it('a response cut short mid-body closes the reader without an end', async () => {
    const res = fakeResponse();
    const { reader, heard, closed } = reading();
    reader.attach(res);
    reader.read('gzip');
    res.write(gzipSync(BODY).subarray(0, 40));
    await new Promise((resolve) => setImmediate(resolve));
    res.destroy();
    await closed;
    assert.equal(heard.ended, false);
    assert.equal(heard.closed, 1);
  });
});

describe('Content-Encoding and Accept-Encoding', () => {
  const coding = (value: string | undefined) => bodyCoding({ headers: value === undefined ? {} : { 'content-encoding': value } } as http.IncomingMessage);

  it('reads identity, gzip (x-gzip) and br; anything else, stacked codings too, is unsupported', () => {
    assert.equal(coding(undefined), 'identity');
    assert.equal(coding('identity'), 'identity');
    assert.equal(coding('GZIP'), 'gzip');
    assert.equal(coding('x-gzip'), 'gzip');
    assert.equal(coding(' br '), 'br');
    assert.deepEqual(coding('deflate'), { unsupported: 'deflate' });
    assert.deepEqual(coding('gzip, br'), { unsupported: 'gzip, br' });
  });

  it('asks for the codings in the order given', () => {
    assert.equal(acceptEncoding(['gzip', 'br']), 'gzip, br');
    assert.equal(acceptEncoding(['br']), 'br');
  });
});
