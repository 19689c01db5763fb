import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { RunSummary } from '../../../src/summary/summary.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { runCli } from '../../../src/cli/program.js';
import { captureIo } from '../../fixtures/io.js';
import { runInProcess, scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const MIX = `
workloads:
  - name: seq
    type: sequential
    iterations: 50
    warmup: 5
    operations:
      - { tool: echo, args: { message: hello } }
  - name: conc
    type: concurrent
    concurrency: 8
    iterations: 400
    warmup: 40
    operations:
      - { tool: echo, args: { message: hi }, weight: 3 }
      - { resource: "bench://static/small" }
      - { prompt: greeting, args: { name: world } }
      - { method: tools/list }
      - { method: ping }
`;

/** Sum over workloads of what the report says was sent for one operation (measured + warmup). */
function sent(report: RunSummary, name: string): number {
  return report.workloads.flatMap((w) => w.operations).filter((o) => o.name === name).reduce((n, o) => n + o.count + o.warmupCalls, 0);
}
function setup(report: RunSummary, method: string): number {
  return report.workloads.reduce((n, w) => n + (w.setupCalls[method] ?? 0), 0);
}

describe('mcp-bench run over real HTTP on 127.0.0.1', { timeout: 120_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  for (const transport of ['http', 'sse'] as const) {
    it(`${transport}: the server received exactly what the report counts`, async () => {
      server.resetCounts();
      const dir = await tempDir();
      const file = await scenario(dir, 's.yaml', `name: over-${transport}\ntarget:\n  builtin: {}\n${MIX}`);
      const url = transport === 'http' ? server.url : server.sseUrl;
      const { code, io, report } = await runInProcess(dir, ['run', file, `--${transport}`, url, '-H', 'Authorization: Bearer sekrit-token']);
      assert.equal(code, 0, io.err());
      assert.ok(report);
      assert.equal(report.target.kind, transport);
      const counts = server.counts();
      assert.equal(counts.tools['echo'], sent(report, 'tools/call echo'));
      assert.equal(counts.resources['bench://static/small'], sent(report, 'resources/read bench://static/small'));
      assert.equal(counts.prompts['greeting'], sent(report, 'prompts/get greeting'));
      assert.equal(counts.requests['ping'], sent(report, 'ping'));
      assert.equal(counts.requests['tools/list'], sent(report, 'tools/list') + setup(report, 'tools/list'));
      assert.equal(counts.requests['prompts/list'], setup(report, 'prompts/list'));
      assert.equal(counts.requests['initialize'], 2, 'one session per workload');
      assert.equal(report.workloads[1]!.total.count, 400);
      assert.equal(report.workloads[1]!.total.ok, 400);
      assert.doesNotMatch(JSON.stringify(report), /sekrit/);
      assert.doesNotMatch(io.out() + io.err(), /sekrit/);
    });
  }

  it('the built-in target over HTTP spawns its own server and benchmarks it', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'b.yaml', `name: builtin-http\ntarget:\n  builtin: { transport: http, latency: 2ms }\nworkloads:\n  - { name: w, type: sequential, iterations: 30, operations: [ { tool: echo, args: { message: x } } ] }\n`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    const op = report!.workloads[0]!.operations[0]!;
    assert.equal(op.count, 30);
    assert.ok(op.latencyUs.p50 >= 2_000, `p50 ${op.latencyUs.p50}`);
    assert.ok(report!.workloads[0]!.connection!.serverStartUs! > 0);
  });

  it('a URL at the wrong path: exit 3, the page not dumped, and the next step (try /mcp, or --http for an --sse at /mcp)', async () => {
    const dir = await tempDir();
    const base = new URL(server.url).origin;
    const list = async (...args: string[]) => {
      const io = captureIo({ cwd: dir });
      return { code: await runCli(['list', ...args], io), io };
    };
    const wrongPath = await list('--http', `${base}/`);
    assert.equal(wrongPath.code, 3, wrongPath.io.err());
    assert.match(wrongPath.io.err(), /HTTP 404: .* \(transport:http-404\)\n {2}hint: MCP servers usually serve Streamable HTTP at \/mcp: try --http http:\/\/127\.0\.0\.1:\d+\/mcp/);
    const sseAtMcp = await list('--sse', server.url);
    assert.equal(sseAtMcp.code, 3, sseAtMcp.io.err());
    assert.match(sseAtMcp.io.err(), /hint: this may be a Streamable HTTP server: try --http http:\/\/127\.0\.0\.1:\d+\/mcp/);
  });

  it('an HTTP URL that refuses connections: exit 3, the cause in one line, and a hint', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dir = await tempDir();
    const { code, io, report } = await runInProcess(dir, ['run', '--http', `http://127.0.0.1:${port}/mcp`]);
    assert.equal(code, 3);
    assert.match(io.err(), /mcp-bench: could not connect to the target: .*\(transport:ECONNREFUSED\)\n/);
    assert.match(io.err(), new RegExp(`\\(transport:ECONNREFUSED\\)\\n  hint: is the server running and listening at http://127\\.0\\.0\\.1:${port}\\?`));
    assert.equal(report?.failure?.code, 'transport:ECONNREFUSED');
  });
});
