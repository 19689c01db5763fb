import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Counts } from '../../../src/server/counter.js';
import { COUNTING_SERVER, operation, runInProcess, scenario, tempDir, TSX } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

describe('mcp-bench run over real stdio', { timeout: 120_000 }, () => {
  it('benchmarks the built-in server: exact counts, warmup apart, injected latency visible', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'builtin.yaml', `
name: builtin-stdio
target:
  builtin: { latency: 1ms }
workloads:
  - name: seq
    type: sequential
    iterations: 60
    warmup: 5
    operations:
      - { tool: echo, args: { message: hello } }
  - name: conc
    type: concurrent
    concurrency: 4
    iterations: 200
    operations:
      - { tool: echo, args: { message: hello }, weight: 3 }
      - { resource: "bench://static/small" }
      - { prompt: greeting, args: { name: world } }
      - { method: tools/list }
      - { method: ping }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    assert.ok(report);
    const echo = operation(report, 'seq', 'tools/call echo');
    assert.equal(echo.count, 60);
    assert.equal(echo.warmupCalls, 5);
    assert.equal(echo.ok, 60);
    assert.ok(echo.latencyUs.p50 >= 1_000, `p50 ${echo.latencyUs.p50}µs includes the injected 1 ms`);
    assert.ok(echo.throughputPerSec > 0);
    const conc = report.workloads.find((w) => w.name === 'conc')!;
    assert.equal(conc.total.count, 200);
    assert.equal(conc.operations.length, 5);
    assert.equal(conc.total.ok, 200);
    assert.ok(conc.connection && conc.connection.initializeUs > 0);
    assert.match(io.out(), /tools\/call echo/);
    assert.match(io.out(), /vs seq: .*× the calls\/s at 4 in flight/);
    assert.equal(report.partial, false);
  });

  it('reports exactly what the server received, per workload (stdio command target)', async () => {
    const dir = await tempDir();
    const countsFile = path.join(dir, 'counts.jsonl');
    const file = await scenario(dir, 'counted.yaml', `
name: counted
target:
  stdio:
    command: ${JSON.stringify(process.execPath)}
    args: ["--import", ${JSON.stringify(TSX)}, ${JSON.stringify(COUNTING_SERVER)}]
    env: { COUNTS_FILE: ${JSON.stringify(countsFile)} }
workloads:
  - name: first
    type: sequential
    iterations: 40
    warmup: 7
    operations:
      - { tool: echo, args: { message: a }, weight: 2 }
      - { method: ping }
  - name: second
    type: concurrent
    concurrency: 8
    iterations: 300
    warmup: 20
    operations:
      - { tool: echo, args: { message: b } }
      - { method: tools/list }
      - { resource: "bench://items/42" }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    const lines = (await readFile(countsFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Counts);
    assert.equal(lines.length, 2, 'one server process per workload');
    report!.workloads.forEach((workload, i) => {
      const counts = lines[i]!;
      const sent = (name: string): number => {
        const op = workload.operations.find((o) => o.name === name);
        return op ? op.count + op.warmupCalls : 0;
      };
      const setup = (method: string): number => workload.setupCalls[method] ?? 0;
      assert.equal(counts.tools['echo'] ?? 0, sent('tools/call echo'), `${workload.name}: echo`);
      assert.equal(counts.requests['ping'] ?? 0, sent('ping'), `${workload.name}: ping`);
      assert.equal(counts.requests['tools/list'] ?? 0, sent('tools/list') + setup('tools/list'), `${workload.name}: tools/list`);
      assert.equal(counts.resources['bench://items/42'] ?? 0, sent('resources/read bench://items/42'), `${workload.name}: resource`);
      assert.equal(counts.requests['initialize'], 1);
    });
    assert.equal(report!.workloads[1]!.total.count, 300);
    assert.equal(report!.workloads[1]!.total.warmupCalls, 20);
  });

  it('a server that crashes mid-run: exit 3, one-line cause, measured calls kept, partial report', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'crash.yaml', `
name: crash
target:
  stdio:
    command: ${JSON.stringify(process.execPath)}
    args: ["--import", ${JSON.stringify(TSX)}, ${JSON.stringify(COUNTING_SERVER)}]
    env: { EXIT_AFTER_CALLS: "120" }
workloads:
  - name: doomed
    type: concurrent
    concurrency: 4
    iterations: 100000
    operations:
      - { tool: echo, args: { message: x } }
  - name: never-reached
    type: sequential
    iterations: 10
    operations:
      - { method: ping }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 3);
    assert.match(io.err(), /mcp-bench: the server closed the connection mid-run .*\(transport:closed\)\n/);
    assert.ok(report);
    assert.equal(report.partial, true);
    const doomed = report.workloads[0]!;
    assert.equal(doomed.status, 'failed');
    assert.ok(doomed.total.ok >= 100 && doomed.total.ok < 120, `ok calls before the crash: ${doomed.total.ok}`);
    assert.ok((doomed.total.errors['transport:closed'] ?? 0) >= 1);
    assert.ok(doomed.failure?.serverStderr.some((line) => line.includes('crashing on purpose')));
    assert.equal(report.workloads[1]!.status, 'not-run');
    assert.match(io.out(), /server: counting-stdio-server: crashing on purpose/);
  });

  it('a stdio command that does not exist: exit 3 with the cause in one line, no stack trace', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'missing.yaml', `
name: missing
target:
  stdio: { command: definitely-not-a-command-xyz }
workloads:
  - { name: w, type: sequential, iterations: 5, operations: [ { method: ping } ] }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 3);
    assert.match(io.err(), /mcp-bench: could not (start|connect to) the target: .*ENOENT.*\n/);
    assert.doesNotMatch(io.err(), /\n\s+at /);
    assert.equal(report?.workloads[0]?.status, 'failed');
  });

  it('a tool the server does not have: warned once, every call counted as an error, run completes', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'unknown-tool.yaml', `
name: unknown-tool
target:
  builtin: {}
workloads:
  - name: w
    type: sequential
    iterations: 20
    operations:
      - { tool: no-such-tool }
      - { tool: echo, args: { message: ok } }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0);
    assert.equal(io.err().match(/tools\/call no-such-tool: the server does not offer this tool/g)?.length, 1);
    const missing = operation(report!, 'w', 'tools/call no-such-tool');
    assert.equal(missing.ok, 0);
    assert.equal(missing.errors['tool-error'], missing.count);
    assert.equal(operation(report!, 'w', 'tools/call echo').errorRate, 0);
  });

  it('a server that exits during the handshake is transport:closed, with its last stderr line shown', async () => {
    const dir = await tempDir();
    const crash = "process.stderr.write('fatal: bad config file\\n'); process.exit(1)";
    const { code, io, report } = await runInProcess(dir, ['run', '--stdio', `${process.execPath} -e "${crash}"`]);
    assert.equal(code, 3);
    assert.match(io.err(), /could not connect to the target: the server closed the connection \(did the process exit\?\) \(transport:closed\)\n/);
    assert.equal(report?.failure?.code, 'transport:closed');
    assert.deepEqual(report?.failure?.serverStderr, ['fatal: bad config file']);
    assert.match(io.out(), /Nothing was measured/);
    assert.doesNotMatch(io.out(), /0 calls in/);
  });

  it('--stdio with -e passes the variables to the server, and never prints or reports their values', async () => {
    const dir = await tempDir();
    const countsFile = path.join(dir, 'counts.jsonl');
    const command = `${process.execPath} --import ${TSX} ${COUNTING_SERVER}`;
    const { code, io, report } = await runInProcess(dir, ['run', '--stdio', command, '-e', `COUNTS_FILE=${countsFile}`, '-e', 'UNUSED_SECRET=hunter2-value']);
    assert.equal(code, 0, io.err());
    const lines = (await readFile(countsFile, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 2, 'the server saw COUNTS_FILE, once per workload of any-server.yaml');
    assert.doesNotMatch(JSON.stringify(report) + io.out() + io.err(), /hunter2-value/);
    assert.ok(report!.target.label.startsWith(`stdio: ${process.execPath} --import`), report!.target.label);
  });
});
