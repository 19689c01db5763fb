import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGunzip } from 'node:zlib';
import { runCli } from '../../../src/cli/program.js';
import { payloadLine } from '../../../src/report/bytes-text.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import type { OperationSummary, RunSummary } from '../../../src/summary/summary.js';
import { captureIo } from '../../fixtures/io.js';
import { scenario, tempDir } from '../cli/helpers.js';

/**
 * Issue 16, must-show 3: compressed answers from the reference server, their bytes on the wire and decoded in the
 * report, checked against a known truth — the payload tool's answer is exactly the JSON text below.
 */
const PAYLOAD_BYTES = 64 * 1024;
const CALLS = 3;

/** The JSON-RPC response the reference server sends for `payload` (the SDK's member order), with a one-digit id. */
const ANSWER_BYTES = Buffer.byteLength(JSON.stringify({ result: { content: [{ type: 'text', text: 'x'.repeat(PAYLOAD_BYTES) }] }, jsonrpc: '2.0', id: 2 }));
/** The request the SDK client sends for it, with a one-digit id. */
const REQUEST_BYTES = Buffer.byteLength(JSON.stringify({ method: 'tools/call', params: { name: 'payload', arguments: { bytes: PAYLOAD_BYTES } }, jsonrpc: '2.0', id: 2 }));

function scenarioText(url: string, compression: string): string {
  return `
name: compression
target:
  http: { url: "${url}" }
client:
  compression: ${compression}
workloads:
  - name: big
    type: sequential
    iterations: ${CALLS}
    operations:
      - { tool: payload, args: { bytes: ${PAYLOAD_BYTES} } }
`;
}

interface Run {
  readonly op: OperationSummary;
  readonly table: string;
  readonly markdown: string;
  readonly csv: string;
}

async function run(server: HttpServerHandle, compression: string): Promise<Run> {
  const dir = await tempDir();
  const file = await scenario(dir, 's.yaml', scenarioText(server.url, compression));
  const io = captureIo({ cwd: dir, env: {} });
  server.resetCounts();
  const code = await runCli(['run', file, '--no-color', '--quiet', '-o', 'r.json', '-o', 'r.md', '-o', 'r.csv'], io);
  assert.equal(code, 0, io.err());
  // The truth below holds for one-digit ids: the session made fewer than 10 requests.
  const requests = Object.values(server.counts().requests).reduce((sum, n) => sum + n, 0);
  assert.ok(requests < 10, `${requests} requests: ids past 9 would lengthen the messages`);
  const read = (name: string): Promise<string> => readFile(path.join(dir, name), 'utf8');
  const report = JSON.parse(await read('r.json')) as RunSummary;
  return { op: report.workloads[0]!.operations[0]!, table: io.out(), markdown: await read('r.md'), csv: await read('r.csv') };
}

describe('compressed answers against the reference server (issue 16)', { timeout: 60_000 }, () => {
  let json: HttpServerHandle;
  let sse: HttpServerHandle;
  before(async () => {
    const options = { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 };
    json = await startHttpServer({ ...options, jsonResponse: true });
    sse = await startHttpServer(options);
  });
  after(async () => {
    await json?.close();
    await sse?.close();
  });

  it('compression on: answers fewer bytes on the wire than decoded, decoded exactly the answers sent; the same line in every format', async () => {
    const { op, table, markdown, csv } = await run(json, 'gzip');
    assert.equal(op.ok, CALLS);
    const bytes = op.bytes!;
    assert.equal(bytes.calls, CALLS);
    assert.equal(bytes.compressionAsked, CALLS);
    assert.equal(bytes.answers.decodedBytes, CALLS * ANSWER_BYTES);
    assert.ok(bytes.answers.wireBytes < bytes.answers.decodedBytes / 50, `${bytes.answers.wireBytes} on the wire`);
    assert.deepEqual(bytes.requests, { wireBytes: CALLS * REQUEST_BYTES, decodedBytes: CALLS * REQUEST_BYTES }, 'small requests are not gzipped');
    assert.ok(json.counts().http.gzipAnswers >= CALLS);
    const line = payloadLine(op.name, bytes);
    process.stdout.write(`# ${line}\n`);
    assert.ok(table.includes(line), 'the table shows the line');
    assert.ok(markdown.includes(line), 'the Markdown report shows the line');
    const row = csv.split('\r\n')[1]!.split(',');
    assert.deepEqual(row.slice(-4).map(Number), [bytes.requests.decodedBytes, bytes.requests.wireBytes, bytes.answers.decodedBytes, bytes.answers.wireBytes]);
  });

  it('compression off: on the wire exactly as decoded, nothing compressed, no line', async () => {
    const { op, table } = await run(json, 'false');
    assert.deepEqual(op.bytes, {
      calls: CALLS,
      compressionAsked: 0,
      requests: { wireBytes: CALLS * REQUEST_BYTES, decodedBytes: CALLS * REQUEST_BYTES },
      answers: { wireBytes: CALLS * ANSWER_BYTES, decodedBytes: CALLS * ANSWER_BYTES },
    });
    assert.equal(json.counts().http.gzipAnswers, 0);
    assert.ok(!table.includes('bytes ·'), 'no bytes line when nothing was compressed nor asked');
  });

  it('event streams too: br answers decoded as they stream, every call answered', async () => {
    const { op } = await run(sse, '{ answers: [br] }');
    assert.equal(op.ok, CALLS);
    assert.ok(op.bytes!.answers.wireBytes < op.bytes!.answers.decodedBytes / 50);
    // An event stream carries the answer in an event: its framing and a priming event come on top.
    assert.ok(op.bytes!.answers.decodedBytes > CALLS * ANSWER_BYTES);
    assert.ok(sse.counts().http.brAnswers >= CALLS);
  });

  it('the server flushes each event: the first is decoded while the call is still running', async () => {
    const session = { ...(await rawSession(sse.url)), 'accept-encoding': 'gzip' };
    const res = await post(sse.url, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'sleep', arguments: { ms: 300 } } }, session);
    assert.equal(res.headers['content-encoding'], 'gzip');
    const first = await new Promise<{ text: string; complete: boolean }>((resolve) => {
      const gunzip = createGunzip();
      res.pipe(gunzip);
      gunzip.once('data', (chunk: Buffer) => resolve({ text: chunk.toString(), complete: res.complete }));
    });
    assert.match(first.text, /retry: \d+/, 'the priming event');
    assert.equal(first.complete, false, 'decoded before the answer was complete: not held in the compressor');
    res.resume();
  });

  it('what the server compresses: JSON from 1 KiB, only where accepted, never with compression off; Vary where it could', async () => {
    const payload = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'payload', arguments: { bytes: 4096 } } };
    const headersOf = async (url: string, acceptEncoding: string | null, body: unknown = payload): Promise<http.IncomingHttpHeaders> => {
      const session = await rawSession(url);
      const res = await post(url, body, acceptEncoding === null ? session : { ...session, 'accept-encoding': acceptEncoding });
      res.resume();
      return res.headers;
    };
    const small = await headersOf(json.url, 'gzip', { jsonrpc: '2.0', id: 2, method: 'ping' });
    assert.deepEqual([small['content-encoding'], small.vary], [undefined, 'Accept-Encoding'], 'a small answer: not compressed, but it varies');
    const refused = await headersOf(json.url, 'gzip;q=0, identity');
    assert.deepEqual([refused['content-encoding'], refused.vary], [undefined, undefined]);
    const chosen = await headersOf(json.url, 'gzip;q=0.5, br');
    assert.deepEqual([chosen['content-encoding'], chosen.vary, chosen['content-length']], ['br', 'Accept-Encoding', undefined]);
    const off = await startHttpServer({ latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1, jsonResponse: true, compression: false });
    try {
      const plain = await headersOf(off.url, 'gzip, br');
      assert.deepEqual([plain['content-encoding'], plain.vary], [undefined, undefined]);
      assert.equal(off.counts().http.gzipAnswers + off.counts().http.brAnswers, 0);
    } finally {
      await off.close();
    }
  });
});

function post(url: string, body: unknown, headers: Record<string, string>): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, resolve);
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** A session opened with a raw initialize: the headers every later request carries. */
async function rawSession(url: string): Promise<Record<string, string>> {
  const init = await post(url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } }, {});
  init.resume();
  return { 'mcp-session-id': String(init.headers['mcp-session-id']), 'mcp-protocol-version': '2025-11-25' };
}
