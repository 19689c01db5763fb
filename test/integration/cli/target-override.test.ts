import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { REPO, TSX, runInProcess, scenario, startCli, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/** http-capacity.yaml's shape, bounded to a fraction of a second per workload. */
const SHORT_CAPACITY = `
name: short-capacity
target:
  builtin: { transport: http }
workloads:
  - name: echo-autocannon
    type: concurrent
    engine: autocannon
    concurrency: 4
    duration: 300ms
    operations:
      - { tool: echo, args: { message: hello } }
  - name: echo-client
    type: concurrent
    concurrency: 4
    duration: 300ms
    operations:
      - { tool: echo, args: { message: hello } }
  - name: echo-autocannon-rate
    type: constant-rate
    engine: autocannon
    rate: 200/s
    duration: 300ms
    operations:
      - { tool: echo, args: { message: hello } }
`;

describe('a target given on the command line is validated with the scenario', { timeout: 120_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  it('--stdio on the shipped http-capacity.yaml: exit 2 naming the flag, before anything runs, no report', async () => {
    const dir = await tempDir();
    const serve = `${JSON.stringify(process.execPath)} --import ${JSON.stringify(TSX)} ${JSON.stringify(path.join(REPO, 'src/cli/main.ts'))} serve`;
    const cli = startCli(['run', path.join(REPO, 'scenarios/http-capacity.yaml'), '--stdio', serve, '-o', path.join(dir, 'report.json')], dir);
    const { code } = await cli.exited;
    assert.equal(code, 2, cli.stderr());
    const lines = cli.stderr().trim().split('\n');
    assert.match(lines[0]!, /http-capacity\.yaml: 2 problems$/);
    for (const [index, workload] of [[1, 0], [2, 2]] as const) {
      assert.match(
        lines[index]!,
        new RegExp(`workloads\\[${workload}\\]\\.engine \\(line \\d+, column \\d+\\): the autocannon engine needs a Streamable HTTP target, but this workload calls a stdio server \\(the target given by --stdio\\)`),
      );
    }
    assert.doesNotMatch(cli.stderr(), /internal error|\n\s+at /, 'no stack trace');
    assert.equal(cli.stdout(), '');
    assert.deepEqual(await readdir(dir), [], 'no report, no server log');
  });

  it('--http on the same workloads runs them against that server: autocannon and the client both', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'capacity.yaml', SHORT_CAPACITY);
    server.resetCounts();
    const { code, io, report } = await runInProcess(dir, ['run', file, '--http', server.url, '-H', 'X-Api-Key: k-${SECRET}-1']);
    assert.equal(code, 0, io.err());
    assert.ok(report, 'the report was written');
    assert.deepEqual(report.workloads.map((w) => [w.name, w.status, w.engine]), [
      ['echo-autocannon', 'completed', 'autocannon'],
      ['echo-client', 'completed', 'client'],
      ['echo-autocannon-rate', 'completed', 'autocannon'],
    ]);
    assert.ok(report.workloads.every((w) => w.total.count > 0), JSON.stringify(report.workloads.map((w) => w.total.count)));
    const measured = report.workloads.reduce((sum, w) => sum + w.total.count, 0);
    assert.ok((server.counts().tools['echo'] ?? 0) >= measured, 'the calls went to the server given by --http');
    assert.deepEqual(report.target, { kind: 'http', transport: 'http', label: `Streamable HTTP: ${server.url}` });
    const shown = JSON.stringify(report);
    assert.match(shown, /X-Api-Key/);
    assert.doesNotMatch(shown, /k-\$|SECRET/, 'a header value given on the command line never shows, ${…} text included');
  });
});
