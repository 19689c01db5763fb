import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readCountsLines } from '../../../src/server/counts-file.js';
import { selfCommand } from '../../../src/client/transports/self-command.js';
import { runInProcess, scenario, tempDir } from '../cli/helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

describe('a pool recycling a leaking stdio server by its RSS', { timeout: 90_000 }, () => {
  it('replaces the server mid-run when its RSS passes the limit, loses no call, and reports the recycles', async () => {
    const dir = await tempDir();
    const counts = path.join(dir, 'counts.jsonl');
    const self = selfCommand();
    const args = [...self.args, 'serve', '--latency', '2ms', '--leak-per-call', '2MB', '--counts-file', counts];
    // 2 MB kept per call: the server passes 400 MB after ~115 calls through tsx (which starts at ~170 MB) or ~170
    // built (~60 MB), so 300 calls recycle it at least once; limits.memory is only a backstop far above.
    const file = await scenario(dir, 'recycle.yaml', `name: recycle
target:
  stdio: { command: ${JSON.stringify(self.command)}, args: ${JSON.stringify(args)}, limits: { memory: 3GB } }
client:
  pool: { min: 1, max: 1, recycle: { rss: 400MB, every: 100ms } }
workloads:
  - name: leak
    type: sequential
    iterations: 300
    operations:
      - { tool: echo, args: { message: hi } }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    const workload = report!.workloads[0]!;
    const op = workload.operations[0]!;
    const pool = workload.client!.layers['pool']!;
    assert.equal(op.count, 300);
    assert.equal(op.ok, 300, `no call lost: ${JSON.stringify(op.errors)}`);
    const recycled = Number(pool['recycled.rss']);
    assert.ok(recycled >= 1, `recycled by RSS: ${JSON.stringify(pool)}`);
    assert.equal(workload.serverLimits?.memoryKills ?? 0, 0, 'recycled before any limit was hit');
    // Every server process wrote its counts as it was stopped: one per recycle plus the last; together they
    // received exactly the calls the report counts.
    const lines = readCountsLines(await readFile(counts, 'utf8'));
    assert.equal(lines.length, recycled + 1);
    assert.equal(lines.reduce((n, line) => n + (line.counts.tools['echo'] ?? 0), 0), 300);
    assert.ok(lines.slice(0, -1).every((line) => (line.leakedBytes ?? 0) > 0), 'each recycled server had leaked');
    assert.match(io.out(), /recycled \d+ by rss/);
  });
});
