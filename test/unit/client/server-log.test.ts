import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { Secrets } from '../../../src/input/secrets.js';

function logWith(secret: string): { log: ServerLog; file: () => string } {
  const secrets = new Secrets();
  secrets.add(secret);
  const stream = new PassThrough();
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return { log: new ServerLog(stream, (text) => secrets.mask(text)), file: () => written };
}

describe('ServerLog masks what the server repeats', () => {
  it('a secret split between two chunks is masked in the file and in the tail', async () => {
    const { log, file } = logWith('server-secret-value');
    log.write('starting with TOKEN=server-se');
    log.write(Buffer.from('cret-value\nready\n'));
    assert.deepEqual(log.tail(), ['starting with TOKEN=[redacted]', 'ready']);
    log.write('crashing: server-secret-value');
    assert.deepEqual(log.tail(1), ['crashing: [redacted]'], 'a last line without its newline is in the tail, masked');
    await log.close();
    assert.equal(file(), 'starting with TOKEN=[redacted]\nready\ncrashing: [redacted]');
    assert.equal(log.charsWritten, 'starting with TOKEN=server-secret-value\nready\ncrashing: server-secret-value'.length);
  });

  it('a line without end is passed on once it is long, so memory stays bounded', () => {
    const { log, file } = logWith('never-here');
    log.write('x'.repeat(70 * 1024));
    assert.equal(file().length, 70 * 1024);
  });
});

describe('ServerLog line by line', () => {
  it('a line arriving one character at a time is logged whole', async () => {
    const { log, file } = logWith('split-secret-value');
    for (const ch of 'a split-secret-value b\nnext') log.write(ch);
    assert.equal(file(), 'a [redacted] b\n');
    await log.close();
    assert.equal(file(), 'a [redacted] b\nnext');
  });
});
