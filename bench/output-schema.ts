/**
 * The per-call cost of output-schema validation: in-process, a caller that answers at once with a structured result,
 * called bare and through OutputSchemaCaller (the tool's compiled validator, as the runner composes it), alternating
 * rounds. Reports ns per call of each, the difference per call (target ≤ 2 µs) and the ratio. Writes
 * reports/bench/output-schema.{json,md}.
 *
 *   node --import tsx bench/output-schema.ts [--calls 200000] [--rounds 6] [--budget 10]
 */
import { parseArgs } from 'node:util';
import type { Caller } from '../src/client/caller.js';
import { compileOutputSchemas, OutputSchemaCaller } from '../src/client/output-schema.js';
import type { Outcome } from '../src/client/outcome.js';
import type { McpRequest } from '../src/client/request.js';
import { CallTrace } from '../src/client/trace.js';
import { benchEnvironment, progress, writeBenchResult, type Figures } from './report.js';
import { runRounds, type Contender } from './rounds.js';
import { overheadCase } from './overhead.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '6' }, budget: { type: 'string' } } });
const calls = Number(values.calls);
const rounds = Number(values.rounds);
const budgetEndMs = values.budget === undefined ? Infinity : performance.now() + Number(values.budget) * 1000;
const NAME = 'output-schema';
const log = progress(NAME);
const BUDGET_NS = 2_000;

/** The reference server's `structured` schema and a result that satisfies it. */
const SCHEMA = { type: 'object', properties: { value: { type: 'string' }, length: { type: 'integer' } }, required: ['value', 'length'] };
const ANSWER: Promise<Outcome> = Promise.resolve({ kind: 'ok', result: { content: [{ type: 'text', text: '{}' }], structuredContent: { value: 'hello', length: 5 } } });
const bare: Caller = { call: () => ANSWER, close: async () => {} };
const validated = new OutputSchemaCaller(bare, compileOutputSchemas(new Map([['structured', SCHEMA]])).validators);
const REQUEST: McpRequest = { method: 'tools/call', tool: 'structured', args: { value: 'hello' } };

/** ns per call of `calls` calls, awaited one by one as a closed loop does; every outcome must be ok. */
async function nsPerCall(caller: Caller): Promise<Figures> {
  const options = { timeoutUs: 1_000_000, trace: new CallTrace() };
  for (let i = 0; i < 10_000; i++) await caller.call(REQUEST, options);
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) if ((await caller.call(REQUEST, options)).kind !== 'ok') throw new Error('the bench result must validate');
  return { nsPerCall: Number(process.hrtime.bigint() - start) / calls };
}

const contenders: Contender[] = [
  { name: 'unvalidated', run: () => nsPerCall(bare) },
  { name: 'validated', run: () => nsPerCall(validated) },
];

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const results = await runRounds(contenders, rounds, log, budgetEndMs);
const { benchCase, target } = overheadCase(results, {
  caseName: `one tool, ${calls.toLocaleString('en-US')} calls a round`,
  benchmark: 'output-schema: per-call cost of validating a structured result (in-process)',
  base: { name: 'unvalidated', label: 'unvalidated' },
  treated: { name: 'validated', label: 'validated' },
  figure: 'nsPerCall',
  per: 'call',
  budgetNs: BUDGET_NS,
});
log(target.figures);

await writeBenchResult({
  name: NAME,
  title: `Output-schema validation: the per-call cost of checking structuredContent (${rounds} alternating rounds)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { calls, rounds, schema: SCHEMA },
  cases: [benchCase],
  targets: [target],
  notes: [
    'In-process: a caller answering with an already resolved structured result, bare and through OutputSchemaCaller; no transport.',
    'The extra cost is the median over rounds of (validated − unvalidated) ns per call; the target is ≤ 2 µs per call.',
  ],
});
