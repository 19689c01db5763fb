/**
 * What a journey costs mcp-bench per mix entry, over the plain operations it is made of: a two-step journey (the
 * first step's capture, the second's request from a template reading it, both steps' rows recorded, the check on the
 * second) against two plain calls of the same tools, each recorded as a loop records it. In-process, through a fake
 * caller that answers at once, so only mcp-bench's own work differs. Alternating rounds.
 *
 *   node --import tsx bench/journey.ts [--entries 100000] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import type { Caller } from '../src/client/caller.js';
import type { Outcome } from '../src/client/outcome.js';
import { CallTrace } from '../src/client/trace.js';
import { WorkloadRecorder } from '../src/metrics/recorder.js';
import { runsChecks } from '../src/operations/journey.js';
import type { OperationPlan } from '../src/operations/operation.js';
import { resolveScenario } from '../src/scenario/index.js';
import { WHOLE_RUN } from '../src/schedule/shard.js';
import { systemClock } from '../src/time/clock.js';
import { createPerformer } from '../src/traffic/create.js';
import { plainPerformer, type Performer } from '../src/traffic/performer.js';
import { benchEnvironment, count, progress, writeBenchResult, type Figures } from './report.js';
import { overheadCase } from './overhead.js';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' } } });
const entries = Number(values.entries);
const rounds = Number(values.rounds);
const log = progress('journey');

const PUT: Outcome = { kind: 'ok', result: { content: [{ type: 'text', text: '{"key":"item-1","version":1}' }], structuredContent: { key: 'item-1', version: 1 } } };
const GET: Outcome = { kind: 'ok', result: { content: [{ type: 'text', text: '{"key":"item-1","value":"hello","version":1}' }], structuredContent: { key: 'item-1', value: 'hello', version: 1 } } };
const caller: Caller = {
  call: (request) => Promise.resolve(request.method === 'tools/call' && request.tool === 'store_put' ? PUT : GET),
  close: async () => {},
};

function operationsOf(operations: unknown[]): OperationPlan[] {
  const resolved = resolveScenario({ name: 'b', target: { builtin: {} }, workloads: [{ name: 'w', type: 'sequential', iterations: 1, operations }] }, { file: null, env: {} });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  return [...resolved.plan.workloads[0]!.operations];
}

const plain = operationsOf([{ tool: 'store_put', args: { value: 'hello' } }, { tool: 'store_get', args: { key: 'item-1' } }]);
const journey = operationsOf([{ journey: 'j', steps: [
  { name: 'create', tool: 'store_put', args: { value: 'hello' }, capture: { key: 'structuredContent.key' } },
  { name: 'read', tool: 'store_get', args: { key: '{{vars.key}}' }, expect: { json: { 'structuredContent.value': 'hello' } } },
] }]);
if (!journey[2]!.template) throw new Error("the read step's {{vars.key}} did not compile to a template");

/** What a journey may add per mix entry over its two plain calls: 2 µs a step, the templates' own budget. */
const BUDGET_NS = 4_000;

/** `entries` mix entries, each recorded as a closed loop records it; ns of wall time per entry. */
async function run(kind: 'plain' | 'journey'): Promise<Figures> {
  const operations = kind === 'plain' ? plain : journey;
  const recorder = new WorkloadRecorder(operations.map((op) => op.name), null, { checked: operations.map((_, i) => runsChecks(operations, i)) });
  const performer: Performer = kind === 'plain' ? plainPerformer(operations, caller) : createPerformer({ operations, seed: 1, shard: WHOLE_RUN, caller, recorder, clock: systemClock });
  const trace = new CallTrace();
  const options = { timeoutUs: 1e6, trace };
  const clock = systemClock;
  const started = process.hrtime.bigint();
  for (let seq = 0; seq < entries; seq++) {
    const startUs = clock.nowUs();
    if (kind === 'plain') {
      for (let index = 0; index < 2; index++) {
        trace.reset();
        const outcome = await performer.perform(index, seq, options, true);
        recorder.record(index, clock.nowUs() - startUs, outcome, trace);
      }
    } else {
      trace.reset();
      const outcome = await performer.perform(0, seq, options, true);
      recorder.record(0, clock.nowUs() - startUs, outcome, trace);
    }
  }
  const ns = Number(process.hrtime.bigint() - started) / entries;
  const failed = recorder.operations.reduce((sum, op) => sum + op.count - op.ok, 0);
  if (failed > 0) throw new Error(`${kind}: ${failed} calls did not succeed`);
  return { nsPerEntry: Math.round(ns) };
}

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
await run('plain');
await run('journey'); // warm both paths before measuring
const results: Record<string, Figures[]> = { 'two plain calls': [], 'two-step journey': [] };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? (['plain', 'journey'] as const) : (['journey', 'plain'] as const);
  for (const kind of order) results[kind === 'plain' ? 'two plain calls' : 'two-step journey']!.push(await run(kind));
  log(`round ${round + 1}/${rounds}: plain ${count(results['two plain calls']!.at(-1)!.nsPerEntry)} ns, journey ${count(results['two-step journey']!.at(-1)!.nsPerEntry)} ns per entry`);
}
const { benchCase, target } = overheadCase(results, {
  caseName: `${entries} entries, a fake caller answering at once`,
  benchmark: 'journey: a two-step journey over two plain calls (in-process, capture + template + check)',
  base: { name: 'two plain calls', label: 'plain' },
  treated: { name: 'two-step journey', label: 'journey' },
  figure: 'nsPerEntry',
  per: 'entry',
  budgetNs: BUDGET_NS,
});
log(target.figures);
await writeBenchResult({
  name: 'journey',
  title: `Journeys: a two-step journey (capture + template + check) vs two plain calls, per mix entry (in-process, ${rounds} alternating rounds)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { entries, rounds },
  cases: [benchCase],
  targets: [target],
  notes: [
    "Each entry is recorded as a closed loop records it: two rows for the plain calls, the journey's row (the performer records its steps').",
    'The difference is what a journey adds per entry: the capture (a path read), the template, the check (a canonical JSON compare), the step rows.',
    'The extra cost is the median over rounds of (journey − plain) ns per entry; the target is ≤ 4 µs per entry (2 µs a step, the templates\' budget), shown as a fraction of it.',
  ],
});
