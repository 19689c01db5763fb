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
    // The data block: every call had its own row (once order), so the rows used are the distinct arguments the
    // server counted, one per lookup (its row id) and one per echo (its row's name, seq and uuid).
    assert.deepEqual(workload.data, [
      { file: 'data/items.csv', order: 'once', exhausted: 'stop', rows: 500, calls: 500, rowsUsed: 500, stoppedEarly: true },
    ]);
    assert.equal(workload.data![0]!.rowsUsed, counts.distinctArguments['lookup']! + counts.distinctArguments['echo']!);
    assert.ok(!report!.warnings.some((line) => line.startsWith('data ')), 'a figure now, not a warning');
    // The report names the data file, never its contents.
    assert.doesNotMatch(JSON.stringify(report), /item 17|special/);
  });
});
