import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { operation, runInProcess, scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const JOURNEYS = 8;

/**
 * Each journey: subscribe, bump ×3 (3 updates), unsubscribe, bump (none), then `stats` with reset, whose
 * `resourceUpdatesSent` must be exactly the 3 the server sent since the last journey's reset. One session, so the
 * server's counts are this session's. Completion steps check the values the server suggests.
 */
function mix(transport: string): string {
  return `name: subscriptions-${transport}
target:
  builtin: { transport: ${transport} }
workloads:
  - name: w
    type: sequential
    iterations: ${JOURNEYS}
    operations:
      - journey: bumped
        steps:
          - { subscribe: "bench://counter" }
          - { name: bump-1, tool: bump }
          - { name: bump-2, tool: bump }
          - { name: bump-3, tool: bump }
          - { unsubscribe: "bench://counter" }
          - { name: bump-unsubscribed, tool: bump }
          - { name: complete-name, complete: { prompt: greeting, argument: name, value: "Al" }, expect: { json: { completion.values: [Alan, Albert, Alice] } } }
          - { name: complete-id, complete: { resource: "bench://items/{id}", argument: id, value: "10" }, expect: { json: { completion.values: ["10", "100"] } } }
          - name: sent
            tool: stats
            args: { reset: true }
            expect: { json: { 'content[0].text.resourceUpdatesSent["bench://counter"]': 3 } }
`;
}

describe('resources/subscribe, unsubscribe and completion/complete against the built-in server', { timeout: 120_000 }, () => {
  for (const transport of ['stdio', 'http']) {
    it(`${transport}: updates received == updates the server sent, none after unsubscribe; completions answered`, async () => {
      const dir = await tempDir();
      const file = await scenario(dir, 's.yaml', mix(transport));
      const { code, io, report } = await runInProcess(dir, ['run', file]);
      assert.equal(code, 0, io.err());
      assert.ok(report);
      const journey = operation(report, 'w', 'bumped');
      assert.deepEqual([journey.count, journey.ok], [JOURNEYS, JOURNEYS], 'every journey completed, every check passed');
      for (const step of ['sent', 'complete-name', 'complete-id']) {
        assert.equal(operation(report, 'w', `bumped › ${step}`).checks?.passed, JOURNEYS, step);
      }
      const subscriptions = report.workloads[0]!.subscriptions;
      assert.ok(subscriptions, 'a workload that subscribes has a subscriptions block');
      assert.deepEqual(subscriptions.byUri, { 'bench://counter': 3 * JOURNEYS });
      assert.equal(subscriptions.stamped, 3 * JOURNEYS, 'the reference server stamps every update');
      assert.ok(subscriptions.delayUs && subscriptions.delayUs.p50 >= 0 && subscriptions.delayUs.max < 5_000_000);
      assert.match(io.out(), new RegExp(`subscriptions: ${3 * JOURNEYS} updates received \\(bench://counter ${3 * JOURNEYS}\\) · change → receipt p50`));
    });
  }
});
