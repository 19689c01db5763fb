/**
 * Does mcp-bench report the latency a user would measure by hand? One call at a time over stdio, mcp-bench's p50
 * (from its report's HDR histogram) against a hand-written SDK loop's p50 (performance.now() around each call,
 * samples sorted), alternating rounds, each run spawning the same server. Two cases:
 *   sleep     the built-in server's `sleep` tool with `{ ms: 10 }`: p50 within ±3% of the loop's
 *   0 ms      the `echo` tool with no injected latency, where mcp-bench's own per-call cost shows most:
 *             p50 within max(3%, 10 µs) of the loop's
 * (the median of per-round ratios). Writes reports/bench/accuracy.{json,md}.
 *
 *   node --import tsx bench/accuracy.ts [--calls 200] [--warmup 20] [--budget s] [--rounds 5] [--ms 10] [--zero-calls 2000]
 */
import { parseArgs } from 'node:util';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { builtinStdioCommand, figuresOf, runScenario, scenarioFor } from './mcp-bench-path.js';
import { sdkLoop, type PeerCall } from './peers/sdk-loop.js';
import { benchEnvironment, checkTarget, contenderResults, count, progress, writeBenchResult, type BenchCase, type TargetCheck } from './report.js';
import { pairedRatio, runRounds, shareOfBudget, type Contender } from './rounds.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    /** Seconds this benchmark may take in all: later rounds are skipped rather than overrun it (default: none). */
    budget: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    ms: { type: 'string', default: '10' },
    /** Calls per round in the 0 ms case (short calls: more of them for a steady p50). */
    'zero-calls': { type: 'string', default: '2000' },
  },
});
const rounds = Number(values.rounds);
const warmupCalls = Number(values.warmup);
const sleepMs = Number(values.ms);
const budgetEndMs = values.budget === undefined ? Infinity : performance.now() + Number(values.budget) * 1000;
const NAME = 'accuracy';
const log = progress(NAME);

interface AccuracyCase {
  readonly label: string;
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly calls: number;
  /** Calls before measuring: short calls need more for the JIT to settle. */
  readonly warmup: number;
  /** The allowed |ratio − 1|, given the loop's p50 in µs. */
  readonly limit: (loopP50Us: number) => number;
  readonly limitText: string;
}

const CASES: AccuracyCase[] = [
  { label: `sleep ${sleepMs} ms`, tool: 'sleep', args: { ms: sleepMs }, calls: Number(values.calls), warmup: warmupCalls, limit: () => 0.03, limitText: '±3%' },
  { label: 'echo, 0 ms injected', tool: 'echo', args: { message: 'hi' }, calls: Number(values['zero-calls']), warmup: Math.max(warmupCalls, Math.round(Number(values['zero-calls']) / 10)), limit: (p50) => Math.max(0.03, 10 / p50), limitText: 'max(3%, 10 µs)' },
];

function contenders(c: AccuracyCase): Contender[] {
  const call: PeerCall = { weight: 1, run: (client) => client.callTool({ name: c.tool, arguments: c.args }) };
  return [
    {
      name: 'mcp-bench',
      run: async () => {
        const workload = { concurrency: 1, operation: { tool: c.tool, args: c.args }, warmup: c.warmup, measure: { iterations: c.calls } };
        const figures = figuresOf(await runScenario(scenarioFor({ builtin: 'stdio' }, workload)));
        return { p50Us: figures.p50Us ?? null, p99Us: figures.p99Us ?? null, errors: figures.errors ?? null };
      },
    },
    {
      name: 'SDK loop',
      run: async () => {
        const transport = new StdioClientTransport({ ...builtinStdioCommand(), stderr: 'ignore' });
        const r = await sdkLoop(transport, [call], { concurrency: 1, warmupCalls: c.warmup, iterations: c.calls });
        return { p50Us: r.p50Us, p99Us: r.p99Us, errors: 0 };
      },
    },
  ];
}

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const cases: BenchCase[] = [];
const targets: TargetCheck[] = [];
for (const [index, c] of CASES.entries()) {
  log(c.label);
  const deadline = shareOfBudget(budgetEndMs, CASES.length - index);
  const results = await runRounds(contenders(c), rounds, (line) => log(`${c.label}: ${line}`), deadline);
  const ratio = pairedRatio(results, 'mcp-bench', 'SDK loop', 'p50Us');
  const benchCase: BenchCase = { name: `${c.label}, sequential, ${c.calls} calls`, contenders: contenderResults(results), ratios: [ratio] };
  cases.push(benchCase);
  const p50Of = (name: string): number | null | undefined => benchCase.contenders.find((x) => x.name === name)?.median.p50Us;
  const loopP50 = p50Of('SDK loop');
  targets.push(checkTarget({
    benchmark: `${c.label}, sequential (stdio): p50 within ${c.limitText}`,
    figures: `mcp-bench p50 ${count(p50Of('mcp-bench'))} µs · SDK loop p50 ${count(loopP50)} µs`,
    quantity: 'mcp-bench / SDK loop p50',
    measured: ratio.median,
    interval: ratio.interval,
    comparator: 'within',
    limit: typeof loopP50 === 'number' && loopP50 > 0 ? c.limit(loopP50) : 0.03,
    unit: '×',
  }));
}

await writeBenchResult({
  name: NAME,
  title: `Accuracy: mcp-bench's p50 vs a hand-written SDK loop's (stdio, sequential; ${rounds} alternating rounds)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { sleepMs, calls: CASES.map((c) => c.calls), warmupCalls, rounds },
  cases,
  targets,
  notes: [
    "mcp-bench's p50 comes from its HDR histogram (3 significant digits: ±10 µs at 10 ms); the loop's from its sorted samples.",
    'The ratio is the median of per-round ratios; each round runs both contenders back to back, each against a server of its own.',
    'At 0 ms injected the target is max(3%, 10 µs) of the loop\'s p50: the limit shown is that, as a fraction of the ratio.',
  ],
});
