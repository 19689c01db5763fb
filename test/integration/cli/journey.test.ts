import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadPlan } from '../../../src/scenario/index.js';
import { operation, REPO, runInProcess, scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const SHIPPED = path.join(REPO, 'scenarios/journey.yaml');

describe('journeys through the CLI against the built-in server', { timeout: 120_000 }, () => {
  it('scenarios/journey.yaml: every journey completes, both steps run as often, store_get finds every key', async () => {
    const loaded = await loadPlan(SHIPPED, {});
    assert.ok(loaded.ok && loaded.plan.workloads[0]!.operations[2]!.template, "the read step's {{vars.key}} is a compiled template");
    const dir = await tempDir();
    const { code, io, report } = await runInProcess(dir, ['run', SHIPPED]);
    assert.equal(code, 0, io.err());
    assert.ok(report);
    for (const workload of report.workloads) {
      const journey = operation(report, workload.name, 'create-then-read');
      const create = operation(report, workload.name, 'create-then-read › create');
      const read = operation(report, workload.name, 'create-then-read › read');
      assert.ok(journey.count > 0);
      assert.equal(journey.ok, journey.count, `${workload.name}: every journey completed`);
      assert.deepEqual([create.count, read.count], [journey.count, journey.count], 'both steps ran once per journey');
      assert.deepEqual([read.ok, read.errors, read.checks?.failed], [read.count, {}, 0], 'store_get found every key, with its value');
      assert.equal(workload.total.count, journey.count, 'the total counts journeys once');
    }
    assert.equal(report.gate.passed, true);
    assert.match(io.out(), /journey · create-then-read: 100\.0% completed/);
  });

  it('captures, checks and thresholds on a journey, a step and an operation', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'checks.yaml', `
name: checks
target:
  builtin: {}
workloads:
  - name: w
    type: sequential
    iterations: 60
    seed: 3
    operations:
      - journey: put-then-lookup
        weight: 2
        thresholds: ["error_rate == 0%", "checks == 100%"]
        steps:
          - { name: put, tool: store_put, args: { value: v }, capture: { key: structuredContent.key, version: "content[0].text.version" } }
          - { name: lookup, tool: lookup, args: { id: 7 }, expect: { json: { structuredContent.name: item-7 }, exists: ["content[0].text.score"] }, thresholds: ["checks == 100%"] }
      - { name: wrong, tool: echo, args: { message: hello }, expect: { contains: nope }, thresholds: ["checks > 99%"] }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 1, `the check on "wrong" fails the gate\n${io.err()}`);
    assert.ok(report);
    const journey = operation(report, 'w', 'put-then-lookup');
    const lookup = operation(report, 'w', 'put-then-lookup › lookup');
    const wrong = operation(report, 'w', 'wrong');
    assert.equal(journey.count + wrong.count, 60);
    assert.deepEqual([journey.ok, lookup.count, lookup.checks?.passed], [journey.count, journey.count, journey.count]);
    assert.deepEqual([wrong.ok, wrong.errorRate, wrong.checks?.failed, wrong.checks?.failures], [0, 0, wrong.count, { 'text contains "nope"': wrong.count }]);
    const results = report.workloads[0]!.thresholds.map((r) => `${r.operation}: ${r.threshold} ${r.passed ? 'passed' : 'failed'}`);
    assert.deepEqual(results, [
      'put-then-lookup: error_rate == 0% passed',
      'put-then-lookup: checks == 100% passed',
      'put-then-lookup › lookup: checks == 100% passed',
      'wrong: checks > 99% failed',
    ]);
    assert.match(io.out(), /› lookup/);
    assert.match(io.out(), /checks · wrong: 0% passed, check-failed ×\d+ \(text contains "nope" ×\d+\)/);
  });
});
