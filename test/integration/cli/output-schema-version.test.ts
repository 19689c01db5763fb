import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Counts } from '../../../src/server/counter.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { COUNTING_SERVER, runInProcess, scenario, tempDir, TSX } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const WORKLOADS = `
workloads:
  - { name: violate, type: sequential, iterations: 30, operations: [ { tool: structured, args: { value: abc, violate: true } } ] }
  - { name: fine, type: sequential, iterations: 30, operations: [ { tool: structured, args: { value: abc } } ] }
  - name: off
    type: sequential
    iterations: 30
    client: { validateOutput: false }
    operations: [ { tool: structured, args: { value: abc, violate: true } } ]
`;

describe('output-schema validation and a pinned protocol version, end to end', { timeout: 120_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  it('stdio: every violating call is schema-mismatch (as many as the server answered), valid ones ok, off is ok; 2025-06-18 offered', async () => {
    const dir = await tempDir();
    const countsFile = path.join(dir, 'counts.jsonl');
    const file = await scenario(dir, 's.yaml', `name: schema-stdio
target:
  stdio:
    command: ${JSON.stringify(process.execPath)}
    args: ["--import", ${JSON.stringify(TSX)}, ${JSON.stringify(COUNTING_SERVER)}]
    env: { COUNTS_FILE: ${JSON.stringify(countsFile)} }
    protocolVersion: 2025-06-18
${WORKLOADS}`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    const counts = (await readFile(countsFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Counts);
    const [violate, fine, off] = report!.workloads;
    assert.deepEqual(violate!.total.errors, { 'schema-mismatch': 30 });
    assert.equal(counts[0]!.tools['structured'], violate!.total.errors['schema-mismatch']);
    assert.equal(fine!.total.ok, 30);
    assert.equal(off!.total.ok, 30);
    for (const c of counts) assert.deepEqual(c.initializeVersions, { '2025-06-18': 1 });
    for (const w of report!.workloads) assert.equal(w.connection?.server.protocolVersion, '2025-06-18');
  });

  it('Streamable HTTP: the same outcomes, and 2025-06-18 in every format', async () => {
    server.resetCounts();
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', `name: schema-http\ntarget:\n  http: { url: ${JSON.stringify(server.url)}, protocolVersion: 2025-06-18 }\n${WORKLOADS}`);
    const { code, io, report } = await runInProcess(dir, ['run', file, '--format', 'markdown', '--format', 'junit', '--format', 'html']);
    assert.equal(code, 0, io.err());
    const [violate, fine, off] = report!.workloads;
    assert.deepEqual(violate!.total.errors, { 'schema-mismatch': 30 });
    assert.equal(fine!.total.ok, 30);
    assert.equal(off!.total.ok, 30);
    const counts = server.counts();
    assert.equal(counts.tools['structured'], 90);
    assert.deepEqual(counts.initializeVersions, { '2025-06-18': 3 });
    assert.match(io.out(), /protocol 2025-06-18/);
    assert.match(io.out(), /schema-mismatch/);
    assert.match(JSON.stringify(report), /"protocolVersion":"2025-06-18"/);
    for (const name of ['report.md', 'report.html']) assert.match(await readFile(path.join(dir, name), 'utf8'), /protocol 2025-06-18/, name);
    assert.match(await readFile(path.join(dir, 'report.xml'), 'utf8'), /<property name="protocolVersion · violate" value="2025-06-18"\/>/);
  });

  it('variants comparing two pinned versions: each negotiated its own, and the comparison says so', async () => {
    const dir = await tempDir();
    const yaml = (await readFile(new URL('../../../scenarios/protocol-versions.yaml', import.meta.url), 'utf8'))
      .replace('iterations: 200', 'iterations: 20').replace('rounds: 3', 'rounds: 2');
    const file = await scenario(dir, 'v.yaml', yaml);
    const { code, io, report } = await runInProcess(dir, ['run', file, '--no-color']);
    assert.equal(code, 0, io.err());
    assert.deepEqual(report!.workloads.map((w) => [w.variant, w.connection?.server.protocolVersion, w.total.ok]), [
      ['v2025-06-18', '2025-06-18', 40],
      ['v2025-11-25', '2025-11-25', 40],
    ]);
    assert.ok(report!.comparison!.notes.includes('protocol versions differ: v2025-06-18 2025-06-18, v2025-11-25 2025-11-25'));
  });
});
