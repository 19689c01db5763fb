/**
 * `run --workers 2` against `--workers 1`: how much a second core adds when mcp-bench itself is the bottleneck. Both
 * run the CLI as a user would (`mcp-bench run s.yaml --workers N --http <url>`) against the canned HTTP responder
 * (bench/peers/canned-mcp-http.ts: it does next to nothing per request, so the generator is what saturates), with a
 * closed-loop concurrent workload (64 in flight in all, split over the workers), in alternating rounds; the ratio of
 * calls/s is taken within each round. Target: ≥ 1.5× on a 2-core machine (the responder shares those cores).
 * Also: the time mergeShards takes for 8 shards of a realistic report (the --workers 1 run's own, copied into 8
 * shards). Writes reports/bench/workers.{json,md}.
 *
 *   node --import tsx bench/workers.ts [--rounds 4] [--seconds 3] [--warmup 1] [--concurrency 64] [--budget s]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { selfCommand } from '../src/client/transports/self-command.js';
import { mergeShards } from '../src/shards/merge.js';
import type { RunSummary } from '../src/summary/summary.js';
import { figuresOf, startServerCommand } from './mcp-bench-path.js';
import { benchEnvironment, checkTarget, contenderResults, count, progress, writeBenchResult, type BenchCase, type Figures, type TargetCheck } from './report.js';
import { pairedRatio, runRounds, type Contender } from './rounds.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '64' },
    merges: { type: 'string', default: '20' },
    budget: { type: 'string' },
  },
});
const NAME = 'workers';
const log = progress(NAME);
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const concurrency = Number(values.concurrency);
const budgetEndMs = values.budget === undefined ? Infinity : performance.now() + Number(values.budget) * 1000;
const SHARDS = 8;

function scenarioYaml(): string {
  return [
    'name: workers-bench',
    'target:',
    '  builtin: {}',
    'workloads:',
    '  - name: echo',
    '    type: concurrent',
    `    concurrency: ${concurrency}`,
    `    duration: ${seconds}s`,
    `    warmup: ${warmup}s`,
    '    operations: [ { tool: echo, args: { message: hi } } ]',
    '',
  ].join('\n');
}

/** Runs the CLI with `--workers n`; resolves with its merged report (and keeps the last one for the merge timing). */
async function runCli(dir: string, scenario: string, url: string, workers: number): Promise<RunSummary> {
  const self = selfCommand();
  const out = path.join(dir, `w${workers}.json`);
  const args = [...self.args, 'run', scenario, '--workers', String(workers), '--http', url, '-o', out, '--quiet'];
  const child = spawn(self.command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`--workers ${workers} exited with code ${code}:\n${stderr}`);
  return JSON.parse(await readFile(out, 'utf8')) as RunSummary;
}

/** calls/s and latency of the merged report, and the busiest worker's CPU share (the generator's own limit). */
function figures(summary: RunSummary): Figures {
  return { ...figuresOf(summary), harnessCpuPercent: summary.workloads[0]?.harness?.cpuPercent ?? null };
}

/** Times mergeShards on 8 copies of `report`, each with its shard block: the median of `repeats` merges, in ms. */
function mergeTiming(report: RunSummary, repeats: number): { medianMs: number | null; problem: string | null } {
  const shards = Array.from({ length: SHARDS }, (_, index) => ({
    file: `shard-${index}.json`,
    summary: { ...report, shard: { index, count: SHARDS, planHash: 'bench', startAt: report.startedAt, startOffsetUs: 0, late: false } },
  }));
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const merged = mergeShards(shards, { expectShards: SHARDS });
    times.push(performance.now() - started);
    if (!merged.ok) return { medianMs: null, problem: merged.problems.join('; ') };
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, problem: null };
}

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-workers-bench-'));
const canned = fileURLToPath(new URL('./peers/canned-mcp-http.ts', import.meta.url));
const server = await startServerCommand(process.execPath, ['--import', import.meta.resolve('tsx'), canned]);
const cases: BenchCase[] = [];
const targets: TargetCheck[] = [];
const notes: string[] = [];
/** The last --workers 1 report: the realistic report the merge is timed on. */
const kept: { report: RunSummary | null } = { report: null };
try {
  const scenario = path.join(dir, 'scenario.yaml');
  await writeFile(scenario, scenarioYaml());
  const contender = (workers: number): Contender => ({
    name: `--workers ${workers}`,
    run: async () => {
      const summary = await runCli(dir, scenario, server.url, workers);
      if (workers === 1) kept.report = summary;
      return figures(summary);
    },
  });
  const results = await runRounds([contender(2), contender(1)], rounds, log, budgetEndMs);
  const ratio = pairedRatio(results, '--workers 2', '--workers 1', 'callsPerSec');
  const c: BenchCase = { name: `${concurrency} in flight in all`, contenders: contenderResults(results), ratios: [ratio] };
  cases.push(c);
  const rate = (name: string): string => `${name} ${count(c.contenders.find((x) => x.name === name)?.median['callsPerSec'])}/s`;
  targets.push(checkTarget({
    benchmark: `--workers 2 vs 1, canned HTTP responder, ${concurrency} in flight`,
    figures: `${rate('--workers 2')} · ${rate('--workers 1')}`,
    quantity: '--workers 2 / --workers 1 calls/s',
    measured: ratio.median,
    interval: ratio.interval,
    comparator: '>=',
    limit: 1.5,
    unit: '×',
  }));
} finally {
  await server.stop();
}
const report = kept.report;
if (report) {
  const timing = mergeTiming(report, Number(values.merges));
  if (timing.problem) notes.push(`merge time for ${SHARDS} shards: not measured — mergeShards refused: ${timing.problem}`);
  else notes.push(`merge time for ${SHARDS} shards of a realistic report (the --workers 1 run's, ${report.workloads.length} workload(s)): median ${timing.medianMs!.toFixed(2)} ms of ${values.merges} merges.`);
}
await rm(dir, { recursive: true, force: true });

await writeBenchResult({
  name: NAME,
  title: `run --workers 2 vs --workers 1 (canned HTTP responder, concurrent ${concurrency} in flight, ${rounds} alternating rounds of ${seconds} s)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { rounds, seconds, warmup, concurrency, shardsMerged: SHARDS },
  cases,
  targets,
  notes: [
    'Each contender is the CLI as a user runs it (process start, ready barrier, merge and report included); calls/s is the merged report\'s: measured calls over the measured window.',
    'The responder runs on the same machine: on 2 cores, 2 workers and the responder share them, so 2× is out of reach.',
    'harnessCpuPercent: the merged report\'s mcp-bench CPU figure (the busiest worker), to tell a saturated generator.',
    ...notes,
  ],
});
