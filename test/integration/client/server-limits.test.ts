import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readCountsLines } from '../../../src/server/counts-file.js';
import { selfCommand } from '../../../src/client/transports/self-command.js';
import { runInProcess, scenario, tempDir } from '../cli/helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/**
 * Stdio servers under `limits:` over real stdio: a leaking reference server killed at its memory limit, a server
 * burning CPU killed at its CPU time limit, each classified as its own error (never transport:closed) and counted in
 * the report; the counts file a stopped reference server writes; the refusal where a limit cannot be applied.
 */

/** A newline-delimited JSON-RPC MCP server in a few lines: its one tool, `burn`, spins on the CPU and never answers. */
const BURNING_SERVER = `
let buffer = '';
const send = (id, result) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, result }) + '\\n');
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let nl = buffer.indexOf('\\n'); nl !== -1; nl = buffer.indexOf('\\n')) {
    const message = JSON.parse(buffer.slice(0, nl));
    buffer = buffer.slice(nl + 1);
    if (message.method === 'initialize') send(message.id, { protocolVersion: message.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'burner', version: '1' } });
    else if (message.method === 'tools/list') send(message.id, { tools: [{ name: 'burn', inputSchema: { type: 'object' } }] });
    else if (message.method === 'tools/call') for (;;);
    else if (message.id !== undefined) send(message.id, {});
  }
});
`;

describe('stdio server limits', { timeout: 60_000 }, () => {
  it('a leaking reference server passing limits.memory is killed mid-run: its calls end transport:memory-limit, the kill is counted', async () => {
    const dir = await tempDir();
    // 4 MB kept per call at 100 calls/s: ~40 MB between two readings of its RSS, far above any server's start RSS
    // (~60 MB built, ~170 MB through tsx) well before the run's 3 s are up.
    const file = await scenario(dir, 'memory.yaml', `
name: memory-limit
target:
  builtin: { leakPerCall: 4MB, limits: { memory: 300MB } }
workloads:
  - name: leak
    type: constant-rate
    rate: 100/s
    duration: 3s
    operations:
      - { tool: echo, args: { message: hi } }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 3, io.err());
    const workload = report!.workloads[0]!;
    assert.deepEqual(workload.serverLimits, { started: 1, memoryKills: 1, cpuKills: 0 });
    assert.equal(workload.failure?.code, 'transport:memory-limit');
    assert.match(workload.failure!.message, /killed at its memory limit/);
    const errors = workload.operations[0]!.errors;
    assert.ok((errors['transport:memory-limit'] ?? 0) >= 1, JSON.stringify(errors));
    assert.deepEqual(Object.keys(errors), ['transport:memory-limit'], 'never transport:closed');
    assert.ok(workload.total.count > errors['transport:memory-limit']!, 'calls succeeded before the server passed its limit');
    assert.match(io.out(), /server limits: 1 server started under them · killed: 1 at the memory limit, 0 at the CPU time limit/);
    assert.match(io.err(), /mcp-bench: the server was killed at its memory limit .*\(transport:memory-limit\)/);
  });

  it('a server burning CPU past limits.cpu (1s) dies of SIGXCPU: its call ends transport:cpu-limit', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'cpu.yaml', `
name: cpu-limit
target:
  stdio:
    command: ${JSON.stringify(process.execPath)}
    args: ["-e", ${JSON.stringify(BURNING_SERVER)}]
    limits: { cpu: 1s }
workloads:
  - name: burn
    type: sequential
    iterations: 2
    timeout: 20s
    operations:
      - { tool: burn }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 3, io.err());
    const workload = report!.workloads[0]!;
    assert.deepEqual(workload.serverLimits, { started: 1, memoryKills: 0, cpuKills: 1 });
    assert.deepEqual(workload.operations[0]!.errors, { 'transport:cpu-limit': 1 });
    assert.equal(workload.failure?.code, 'transport:cpu-limit');
    assert.match(workload.failure!.message, /killed at its CPU time limit/);
  });

  it('--counts-file: a reference server stopped by mcp-bench writes what it received, and --leak-per-call what it kept', async () => {
    const dir = await tempDir();
    const counts = path.join(dir, 'counts.jsonl');
    // This CLI as the built-in server is started (dist/ when built from these sources, else tsx: self-command.ts).
    const self = selfCommand();
    const serve = [...self.args, 'serve', '--leak-per-call', '64KB', '--counts-file', counts];
    const file = await scenario(dir, 'counts.yaml', `
name: counted
target:
  stdio: { command: ${JSON.stringify(self.command)}, args: ${JSON.stringify(serve)} }
workloads:
  - name: calls
    type: sequential
    iterations: 20
    operations:
      - { tool: echo, args: { message: hi } }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    assert.equal(report!.workloads[0]!.total.count, 20);
    assert.equal(report!.workloads[0]!.serverLimits, undefined, 'no limits, no block');
    const lines = readCountsLines(await readFile(counts, 'utf8'));
    assert.equal(lines.length, 1, 'one line for the one server');
    assert.equal(lines[0]!.transport, 'stdio');
    assert.equal(lines[0]!.counts.tools['echo'], 20);
    assert.equal(lines[0]!.leakedBytes, 20 * 64_000);
  });

  it('limits.cpu without prlimit on PATH: refused when the session opens, exit 2, naming the field and the fix', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'refused.yaml', `
name: refused
target:
  stdio: { command: ${JSON.stringify(process.execPath)}, args: ["-e", ""], limits: { cpu: 5s } }
workloads:
  - { name: w, type: sequential, iterations: 1, operations: [{ method: ping }] }
`);
    const saved = process.env['PATH'];
    process.env['PATH'] = path.join(dir, 'no-prlimit-here');
    try {
      const { code, io } = await runInProcess(dir, ['run', file]);
      assert.equal(code, 2, io.err());
      assert.match(io.err(), /limits\.cpu needs prlimit \(from util-linux\) on PATH .*\n {2}hint: install util-linux/);
    } finally {
      process.env['PATH'] = saved;
    }
  });
});
