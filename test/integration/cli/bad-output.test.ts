import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import { startBadOutputHttpServer } from '../../fixtures/bad-output-server.js';
import { REPO, runInProcess, scenario, tempDir, TSX } from './helpers.js';

/**
 * A server that writes garbage, answers with wrong ids and sends answers over the 16 MiB limit, over stdio and over
 * Streamable HTTP: the calls fail (or succeed) with the same classes, the bad output is counted the same, the
 * session survives an oversized answer, and the report is written.
 */
const SERVER = path.join(REPO, 'test/fixtures/bad-output-server.ts');
const HUGE_BYTES = 17 * 1024 * 1024;

const stdioTarget = (env = ''): string => `
  stdio:
    command: ${JSON.stringify(process.execPath)}
    args: ["--import", ${JSON.stringify(TSX)}, ${JSON.stringify(SERVER)}]${env}`;

const workloads = `
timeout: 20s
workloads:
  - name: garbage
    type: sequential
    iterations: 3
    operations: [{ tool: garbage }]
  - name: wrong-id
    type: sequential
    iterations: 3
    operations: [{ tool: wrong-id }]
  - name: huge
    type: sequential
    iterations: 6
    operations:
      - { tool: huge, args: { bytes: ${HUGE_BYTES} } }
      - { tool: echo }
`;

/** What must match across transports: each workload's status, calls by outcome, and bad output. */
function shape(report: RunSummary): unknown {
  return report.workloads.map((w: WorkloadSummary) => ({
    name: w.name,
    status: w.status,
    operations: w.operations.map((op) => ({ name: op.name, count: op.count, ok: op.ok, errors: op.errors })),
    badOutput: w.badOutput,
  }));
}

describe('bad server output over stdio and Streamable HTTP', { timeout: 120_000 }, () => {
  let http: Awaited<ReturnType<typeof startBadOutputHttpServer>>;
  let httpGarbage: Awaited<ReturnType<typeof startBadOutputHttpServer>>;
  before(async () => {
    http = await startBadOutputHttpServer();
    httpGarbage = await startBadOutputHttpServer(150);
  });
  after(async () => {
    await http.close();
    await httpGarbage.close();
  });

  it('counts and classifies garbage, wrong ids and oversized answers the same on both, and writes the report', async () => {
    const dir = await tempDir();
    const stdioFile = await scenario(dir, 'stdio.yaml', `name: bad-output\ntarget:${stdioTarget()}\n${workloads}`);
    const httpFile = await scenario(dir, 'http.yaml', `name: bad-output\ntarget:\n  http: { url: "${http.url}" }\n${workloads}`);
    const overStdio = await runInProcess(dir, ['run', stdioFile]);
    assert.equal(overStdio.code, 0, overStdio.io.err());
    const overHttp = await runInProcess(dir, ['run', httpFile]);
    assert.equal(overHttp.code, 0, overHttp.io.err());
    assert.ok(overStdio.report && overHttp.report);
    const [garbage, wrongId, huge] = overStdio.report.workloads;
    // Garbage lines are skipped: every call still gets its answer.
    assert.deepEqual(garbage?.total.errors, {});
    assert.equal(garbage?.total.ok, 3);
    assert.deepEqual(garbage?.badOutput, { notJsonRpc: 6, unknownId: 0, tooLarge: 0 });
    // A wrong id with one call in flight fails that call at once, not at its 20 s timeout.
    assert.deepEqual(wrongId?.total.errors, { 'transport:bad-response': 3 });
    assert.deepEqual(wrongId?.badOutput, { notJsonRpc: 0, unknownId: 3, tooLarge: 0 });
    // Oversized answers fail their own calls; the session goes on (echo calls after them succeed).
    const hugeOp = huge!.operations.find((op) => op.name === 'tools/call huge')!;
    const echo = huge!.operations.find((op) => op.name === 'tools/call echo')!;
    assert.ok(hugeOp.count > 0 && echo.count > 0, 'the mix made both calls');
    assert.deepEqual(hugeOp.errors, { 'transport:response-too-large': hugeOp.count });
    assert.equal(echo.ok, echo.count);
    assert.deepEqual(huge!.badOutput, { notJsonRpc: 0, unknownId: 0, tooLarge: hugeOp.count });
    assert.equal(huge!.status, 'completed');
    assert.deepEqual(shape(overHttp.report), shape(overStdio.report));
    for (const { io } of [overStdio, overHttp]) {
      assert.match(io.out(), /bad server output: the server wrote 6 lines or answers that are not JSON-RPC \(skipped\)/);
      assert.match(io.out(), /3 answers whose id matched no request in flight/);
    }
  });

  it('a server that writes only garbage fails to connect as bad-response, saying what it wrote', async () => {
    const dir = await tempDir();
    const stdioFile = await scenario(dir, 'stdio.yaml', `name: garbage-only\ntarget:${stdioTarget('\n    env: { GARBAGE_ONLY: "150" }')}\n${workloads}`);
    const httpFile = await scenario(dir, 'http.yaml', `name: garbage-only\ntarget:\n  http: { url: "${httpGarbage.url}" }\n${workloads}`);
    for (const file of [stdioFile, httpFile]) {
      const { code, io, report } = await runInProcess(dir, ['run', file]);
      assert.equal(code, 3, io.err());
      assert.equal(report?.failure?.code, 'transport:bad-response', file);
      assert.match(report?.failure?.message ?? '', /wrote \d+ lines? that (is|are) not JSON-RPC, e\.g\. "not json-rpc 0: hello/);
      assert.ok((report?.workloads[0]?.badOutput?.notJsonRpc ?? 0) > 0);
    }
  });
});
