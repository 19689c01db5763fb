import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { REPO, runInProcess, tempDir } from '../cli/helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

describe('scenarios/data-driven.yaml against the reference server over HTTP', { timeout: 120_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  it('the server counts one distinct argument per call: each data row once for lookup, a new message for every echo', async () => {
    const dir = await tempDir();
    const file = path.join(REPO, 'scenarios/data-driven.yaml');
    const { code, io, report } = await runInProcess(dir, ['run', file, '--http', server.url, '-o', path.join(dir, 'r.json')]);
    assert.equal(code, 0, io.err());
    const workload = report!.workloads[0]!;
    const calls = (name: string): number => {
      const op = workload.operations.find((o) => o.name === name);
      return (op?.count ?? 0) + (op?.warmupCalls ?? 0);
    };
    const lookups = calls('tools/call lookup');
    const echoes = calls('tools/call echo');
    // order: once, exhausted: stop over 500 rows: the workload ends after 500 calls, though it asks for 1000.
    assert.equal(lookups + echoes, 500);
    assert.ok(lookups > 0 && echoes > 0);
    const counts = server.counts();
    assert.equal(counts.tools['lookup'], lookups);
    assert.equal(counts.distinctArguments['lookup'], lookups, 'every lookup sent its own row id');
    assert.equal(counts.distinctArguments['echo'], echoes, 'every echo message is unique ({{seq}} and {{uuid}})');
    assert.ok(report!.warnings.some((line) => /data data\/items\.csv: once each \(then stop\), 500 of 500 rows used; .*stopped early/.test(line)), report!.warnings.join('\n'));
    // The report names the data file, never its contents.
    assert.doesNotMatch(JSON.stringify(report), /item 17|special/);
  });
});
