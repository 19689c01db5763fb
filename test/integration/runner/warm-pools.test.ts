import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { runInProcess, scenario, tempDir } from '../cli/helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const SCENARIO = (warm: boolean) => `name: warm-${warm}
target: { builtin: {} }
client:
  pool: { min: 1, max: 4, perSession: 1 }
workloads:
  - name: w
    type: concurrent
    concurrency: 4
    duration: 2s
${warm ? '    warmup: { sessions: all }\n' : ''}    operations:
      - { tool: echo, args: { message: hi } }
`;

describe('warm pools: warmup: { sessions: all }', { timeout: 60_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, latencyUs: 10_000, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  async function run(warm: boolean): Promise<RunSummary['workloads'][number]> {
    const dir = await tempDir();
    const file = await scenario(dir, 'warm.yaml', SCENARIO(warm));
    const { code, io, report } = await runInProcess(dir, ['run', file, '--http', server.url]);
    assert.equal(code, 0, io.err());
    return report!.workloads[0]!;
  }

  it('cold: measured calls wait for sessions opened on demand; warm: none waits, nothing grows, the first second is like the rest', async () => {
    const cold = await run(false);
    const coldPool = cold.client!.layers['pool']!;
    assert.ok(Number(coldPool['waited']) >= 3, 'cold: the calls beyond the one open session waited for a set-up');
    assert.ok(cold.operations[0]!.client!.poolWaitUs!.max > 0);

    const warm = await run(true);
    const warmPool = warm.client!.layers['pool']!;
    assert.equal(warm.coldStart!.sessions, 4, 'warm: all four sessions opened, before measuring');
    assert.equal(warmPool['grown'] ?? 0, 0, 'warm: none opened while measuring');
    assert.equal(warmPool['waited'] ?? 0, 0, 'warm: no measured call waited for a session');
    assert.equal(warm.operations[0]!.client!.poolWaitUs!.max, 0);
    const [first, ...rest] = warm.timeline!.points;
    const restP99 = Math.max(...rest.map((p) => p.p99Us));
    assert.ok(first!.p99Us <= 5 * restP99 + 10_000, `warm: first-second p99 ${first!.p99Us} µs is close to the rest's ${restP99} µs`);
  });
});
