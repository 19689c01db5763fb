/**
 * Does mcp-bench report the latency a user would measure by hand? The built-in server's `sleep` tool with
 * `{ ms: 10 }`, one call at a time, over stdio: mcp-bench's p50 (from its report's HDR histogram) against the
 * hand-written SDK loop's p50 (performance.now() around each call, samples sorted), alternating rounds, each run
 * spawning the same server. Target: mcp-bench's p50 within ±3% of the loop's (median of per-round ratios).
 * Writes reports/bench/accuracy.{json,md}.
 *
 *   node --import tsx bench/accuracy.ts [--calls 200] [--warmup 20] [--budget s] [--rounds 5] [--ms 10]
 */
import { parseArgs } from 'node:util';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { builtinStdioCommand, figuresOf, runScenario, scenarioFor } from './mcp-bench-path.js';
import { sdkLoop, type PeerCall } from './peers/sdk-loop.js';
import { benchEnvironment, checkTarget, contenderResults, count, progress, writeBenchResult } from './report.js';
import { pairedRatio, runRounds, type Contender } from './rounds.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    /** Seconds this benchmark may take in all: later rounds are skipped rather than overrun it (default: none). */
    budget: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    ms: { type: 'string', default: '10' },
  },
});
const calls = Number(values.calls);
const warmupCalls = Number(values.warmup);
const rounds = Number(values.rounds);
const sleepMs = Number(values.ms);
const budgetEndMs = values.budget === undefined ? Infinity : performance.now() + Number(values.budget) * 1000;
const NAME = 'accuracy';
const ARGS = { ms: sleepMs };

const contenders: Contender[] = [
  {
    name: 'mcp-bench',
    run: async () => {
      const figures = figuresOf(await runScenario(scenarioFor({ builtin: 'stdio' }, {
        concurrency: 1, operation: { tool: 'sleep', args: ARGS }, warmup: warmupCalls, measure: { iterations: calls },
      })));
      return { p50Us: figures.p50Us ?? null, p99Us: figures.p99Us ?? null, errors: figures.errors ?? null };
    },
  },
  {
    name: 'SDK loop',
    run: async () => {
      const sleep: PeerCall = { weight: 1, run: (client) => client.callTool({ name: 'sleep', arguments: ARGS }) };
      const transport = new StdioClientTransport({ ...builtinStdioCommand(), stderr: 'ignore' });
      const r = await sdkLoop(transport, [sleep], { concurrency: 1, warmupCalls, iterations: calls });
      return { p50Us: r.p50Us, p99Us: r.p99Us, errors: 0 };
    },
  },
];

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const results = await runRounds(contenders, rounds, progress(NAME), budgetEndMs);
const ratio = pairedRatio(results, 'mcp-bench', 'SDK loop', 'p50Us');
const c = { name: `sleep ${sleepMs} ms, sequential, ${calls} calls`, contenders: contenderResults(results), ratios: [ratio] };
const p50 = (name: string): string => `${name} p50 ${count(c.contenders.find((x) => x.name === name)?.median.p50Us)} µs`;

await writeBenchResult({
  name: NAME,
  title: `Accuracy: mcp-bench's p50 vs a hand-written SDK loop's (stdio, sleep ${sleepMs} ms, sequential; ${rounds} alternating rounds of ${calls} calls)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { sleepMs, calls, warmupCalls, rounds },
  cases: [c],
  targets: [checkTarget({
    benchmark: `sleep ${sleepMs} ms, sequential (stdio)`,
    figures: `${p50('mcp-bench')} · ${p50('SDK loop')}`,
    quantity: 'mcp-bench / SDK loop p50',
    measured: ratio.median,
    interval: ratio.interval,
    comparator: 'within',
    limit: 0.03,
    unit: '×',
  })],
  notes: [
    "mcp-bench's p50 comes from its HDR histogram (3 significant digits: ±10 µs at 10 ms); the loop's from its sorted samples.",
    'The ratio is the median of per-round ratios; each round runs both contenders back to back, each against a server of its own.',
  ],
});
