/**
 * The per-call cost of templates: in-process, a workload's performer over a caller that answers at once, a plain
 * operation (`lookup { id: 1, … }`) against the same with three templates (`{{seq}}`, `{{int 1 1000}}`,
 * `{{row.id}}` from a data file read in order), alternating rounds. Reports ns per call of each, the difference per
 * call (target ≤ 2 µs) and the ratio. Writes reports/bench/templates.{json,md}.
 *
 *   node --import tsx bench/templates.ts [--calls 200000] [--rounds 6] [--budget 10]
 */
import { parseArgs } from 'node:util';
import { createPerformer } from '../src/traffic/create.js';
import { compileRequest } from '../src/operations/template.js';
import type { OperationPlan } from '../src/operations/operation.js';
import type { Caller } from '../src/client/caller.js';
import type { McpRequest } from '../src/client/request.js';
import { OK, type Outcome } from '../src/client/outcome.js';
import { CallTrace } from '../src/client/trace.js';
import { WorkloadRecorder } from '../src/metrics/recorder.js';
import { systemClock } from '../src/time/clock.js';
import { WHOLE_RUN } from '../src/schedule/shard.js';
import type { DataPlan } from '../src/traffic/data-block.js';
import { benchEnvironment, progress, writeBenchResult, type Figures } from './report.js';
import { runRounds, type Contender } from './rounds.js';
import { overheadCase } from './overhead.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '6' }, budget: { type: 'string' } } });
const calls = Number(values.calls);
const rounds = Number(values.rounds);
const budgetEndMs = values.budget === undefined ? Infinity : performance.now() + Number(values.budget) * 1000;
const NAME = 'templates';
const log = progress(NAME);
const BUDGET_NS = 2_000;

const ROWS = Array.from({ length: 1000 }, (_, id) => ({ id, name: `item-${id}` }));
const DATA: DataPlan = { file: 'items.csv', order: 'sequential', exhausted: 'stop', rows: ROWS, columns: ['id', 'name'], sha256: '-', seed: 1 };
const RESOLVED: Promise<Outcome> = Promise.resolve(OK);
const caller: Caller = { call: () => RESOLVED, close: async () => {} };

function operation(args: Record<string, unknown>): OperationPlan {
  const request: McpRequest = { method: 'tools/call', tool: 'lookup', args };
  const { template } = compileRequest(request, { columns: DATA.columns, vars: [], seed: 1 });
  return { name: 'lookup', weight: 1, timeoutUs: 1_000_000, request, ...(template ? { template } : {}) };
}

const PLAIN = operation({ id: 1, page: 3, label: 'order 17' });
const TEMPLATED = operation({ id: '{{row.id}}', page: '{{int 1 1000}}', label: 'order {{seq}}' });

/** ns per call of `calls` calls through the performer, awaited one by one as a closed loop does. */
async function nsPerCall(op: OperationPlan, data: DataPlan | undefined): Promise<Figures> {
  const recorder = new WorkloadRecorder([op.name]);
  const performer = createPerformer({ operations: [op], seed: 1, shard: WHOLE_RUN, caller, recorder, clock: systemClock, data });
  const options = { timeoutUs: op.timeoutUs, trace: new CallTrace() };
  for (let seq = 0; seq < 10_000; seq++) await performer.perform(0, seq, options, false);
  const start = process.hrtime.bigint();
  for (let seq = 0; seq < calls; seq++) await performer.perform(0, seq, options, true);
  return { nsPerCall: Number(process.hrtime.bigint() - start) / calls };
}

const contenders: Contender[] = [
  { name: 'plain', run: () => nsPerCall(PLAIN, undefined) },
  { name: 'templated', run: () => nsPerCall(TEMPLATED, DATA) },
];

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const results = await runRounds(contenders, rounds, log, budgetEndMs);
const { benchCase, target } = overheadCase(results, {
  caseName: `one operation, ${calls.toLocaleString('en-US')} calls a round`,
  benchmark: 'templates: per-call cost over a plain operation (in-process, 3 templates)',
  base: { name: 'plain', label: 'plain' },
  treated: { name: 'templated', label: 'templated' },
  figure: 'nsPerCall',
  per: 'call',
  budgetNs: BUDGET_NS,
});
log(target.figures);

await writeBenchResult({
  name: NAME,
  title: `Templates: the per-call cost of {{seq}}, {{int}} and {{row.id}} over a plain operation (${rounds} alternating rounds)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { calls, rounds, templates: TEMPLATED.request },
  cases: [benchCase],
  targets: [target],
  notes: [
    'In-process: the performer over a caller that answers with an already resolved promise, awaited call by call as a closed loop does; no transport.',
    'The extra cost is the median over rounds of (templated − plain) ns per call; the target is ≤ 2 µs per call (measured shown as a fraction of it).',
  ],
});
