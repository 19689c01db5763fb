/**
 * `npm run bench`: the whole suite, one benchmark after another (each a child process, so one's JIT state, heap or
 * leaked listeners never colour the next), each held to a time budget so the suite ends in under 10 minutes on a
 * 2-core machine. Then reports/bench/summary.md: one table of every target — ready for the README's "Performance"
 * section — and how to reproduce it; reports/bench/summary.json holds the same entries.
 *
 *   node --import tsx bench/all.ts [--quick] [--only stdio-vs-peer,accuracy]
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, benchEnvironment, writeBenchResult, type BenchResult } from './report.js';
import { renderSummary, type SuiteEntry } from './summary.js';

interface Benchmark {
  readonly name: string;
  readonly args: readonly string[];
  /** Much shorter settings for --quick (a smoke run: figures too noisy to judge by). */
  readonly quickArgs: readonly string[];
  /** Killed after this long; the budgets add up to under 10 minutes. */
  readonly budgetS: number;
  /** Takes `--budget <s>` and skips rounds to stay within it (given the kill budget less a margin for set-up). */
  readonly selfBudgeted: boolean;
}

/** What a self-budgeted benchmark keeps back for starting, its last round's overrun, and writing its result. */
const BUDGET_MARGIN_S = 20;

const SUITE: readonly Benchmark[] = [
  { name: 'stdio-vs-peer', args: ['--levels', '1,16,64', '--rounds', '5', '--seconds', '1.5', '--warmup', '0.5'], quickArgs: ['--levels', '16', '--rounds', '1', '--seconds', '1', '--warmup', '0.5'], budgetS: 120, selfBudgeted: true },
  { name: 'http-vs-peer', args: ['--levels', '1,16,64', '--rounds', '4', '--seconds', '2', '--warmup', '0.5'], quickArgs: ['--levels', '16', '--rounds', '1', '--seconds', '1', '--warmup', '0.5'], budgetS: 85, selfBudgeted: true },
  { name: 'autocannon-engine', args: ['--seconds', '2', '--rounds', '3', '--connections', '32'], quickArgs: ['--seconds', '1', '--rounds', '1'], budgetS: 75, selfBudgeted: true },
  { name: 'accuracy', args: ['--calls', '200', '--warmup', '20', '--rounds', '5', '--ms', '10'], quickArgs: ['--calls', '50', '--rounds', '2'], budgetS: 70, selfBudgeted: true },
  { name: 'workers', args: ['--rounds', '3', '--seconds', '3', '--warmup', '1'], quickArgs: ['--rounds', '1', '--seconds', '1', '--warmup', '0.5'], budgetS: 70, selfBudgeted: true },
  { name: 'templates', args: ['--calls', '200000', '--rounds', '6'], quickArgs: ['--calls', '20000', '--rounds', '2'], budgetS: 12, selfBudgeted: false },
  { name: 'output-schema', args: ['--calls', '200000', '--rounds', '6'], quickArgs: ['--calls', '20000', '--rounds', '2'], budgetS: 10, selfBudgeted: false },
  { name: 'journey', args: ['--entries', '100000', '--rounds', '5'], quickArgs: ['--entries', '10000', '--rounds', '1'], budgetS: 15, selfBudgeted: false },
  { name: 'memory', args: ['--seconds', '60', '--first', '10', '--concurrency', '64'], quickArgs: ['--seconds', '8', '--first', '3'], budgetS: 95, selfBudgeted: false },
  { name: 'compression', args: ['--seconds', '0.6', '--rounds', '3'], quickArgs: ['--seconds', '0.3', '--rounds', '1'], budgetS: 45, selfBudgeted: true },
];

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const only = values.only?.split(',');
const unknown = only?.filter((name) => !SUITE.some((b) => b.name === name)) ?? [];
if (unknown.length > 0) throw new Error(`--only: unknown benchmark ${unknown.join(', ')} (have ${SUITE.map((b) => b.name).join(', ')})`);
const chosen = SUITE.filter((b) => !only || only.includes(b.name));

/** Runs one benchmark as a child process; resolves with how it ended (killed when over budget). */
function runChild(bench: Benchmark, args: readonly string[]): Promise<{ code: number | null; timedOut: boolean }> {
  const script = path.join('bench', `${bench.name}.ts`);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  let timedOut = false;
  const budget = setTimeout(() => {
    timedOut = true;
    process.stderr.write(`[all] ${bench.name}: over its ${bench.budgetS} s budget, stopping it\n`);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }, bench.budgetS * 1000);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(budget);
      resolve({ code, timedOut });
    });
  });
}

/** The result the benchmark wrote during this suite (a file from an earlier run does not count). */
async function readResult(name: string, notBefore: number): Promise<BenchResult | null> {
  try {
    const result = JSON.parse(await readFile(path.join(BENCH_DIR, `${name}.json`), 'utf8')) as BenchResult;
    return Date.parse(result.startedAt) >= notBefore ? result : null;
  } catch {
    return null;
  }
}

const suiteStarted = performance.now();
const environment = benchEnvironment();
const entries: SuiteEntry[] = [];
for (const bench of chosen) {
  const args = [...(values.quick ? bench.quickArgs : bench.args), ...(bench.selfBudgeted ? ['--budget', String(bench.budgetS - BUDGET_MARGIN_S)] : [])];
  const command = `node --import tsx bench/${bench.name}.ts ${args.join(' ')}`;
  process.stderr.write(`[all] ${command}\n`);
  const notBefore = Date.now() - 1000;
  const started = performance.now();
  const { code, timedOut } = await runChild(bench, args);
  const wallMs = performance.now() - started;
  const result = code === 0 ? await readResult(bench.name, notBefore) : null;
  const reason = timedOut ? `did not finish within its ${bench.budgetS} s budget` : `failed (exit code ${code})`;
  entries.push({ name: bench.name, command, wallMs, outcome: result ? { ok: true, result } : { ok: false, reason: result === null && code === 0 ? 'wrote no result' : reason } });
}
const totalMs = performance.now() - suiteStarted;
// Each result again, as read right after its benchmark: an ad-hoc run meanwhile (a profile of one contender, say)
// may have overwritten <name>.json, and the files must match the summary.
for (const entry of entries) if (entry.outcome.ok) await writeBenchResult(entry.outcome.result, false);
const summary = renderSummary(entries, totalMs, environment, values.quick);
await mkdir(BENCH_DIR, { recursive: true });
await writeFile(path.join(BENCH_DIR, 'summary.md'), summary);
await writeFile(path.join(BENCH_DIR, 'summary.json'), `${JSON.stringify({ totalMs, quick: values.quick, environment, entries }, null, 2)}\n`);
process.stdout.write(`\n${summary}\nsuite: ${(totalMs / 1000).toFixed(0)} s; reports/bench/summary.md\n`);
