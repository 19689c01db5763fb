import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { runInProcess, scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

describe('a run against a server that closes every call’s event stream mid-call', { timeout: 60_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  it('completes every call on the resumed stream, and the report counts one resumption per call', async () => {
    const dir = await tempDir();
    const yaml = `name: resume\ntarget:\n  builtin: {}\ntimeout: 5s\nworkloads:\n  - name: polled\n    type: concurrent\n    concurrency: 4\n    iterations: 12\n    operations: [ { tool: resumable, args: { ms: 20 } } ]\n`;
    const file = await scenario(dir, 's.yaml', yaml);
    const { code, io, report } = await runInProcess(dir, ['run', file, '--http', server.url]);
    assert.equal(code, 0, io.err());
    const workload = report!.workloads[0]!;
    assert.equal(workload.total.ok, 12);
    assert.deepEqual(workload.total.errors, {});
    assert.deepEqual(workload.streams, { resumed: 12, reopened: 0 });
    assert.ok(workload.total.latencyUs.max < 3_000_000, 'resumed after the 100 ms retry, not waited out to the timeout');
    assert.equal(server.counts().http.withoutProtocolVersion, 0);
    assert.equal(server.counts().http.deletes, 1, 'the session was ended with DELETE');
  });
});
