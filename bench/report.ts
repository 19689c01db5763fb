/**
 * The benchmarks' common output: every benchmark builds one BenchResult and hands it to writeBenchResult, which writes
 * reports/bench/<name>.json (everything measured, round by round, so a figure can be re-checked) and <name>.md (the
 * same as tables), and prints the Markdown. bench/all.ts reads the JSON files back to build the suite's summary, so
 * the target checks here are the single place a pass or miss is decided.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { currentEnvironment } from '../src/pipeline/environment.js';
import type { RatioEstimate } from '../src/stats/ratio-interval.js';
import { VERSION } from '../src/version.js';
import { medianFigures } from './rounds.js';

/** One contender's figures in one run: `callsPerSec`, `p50Us`, `p99Us`, …; null where it measured nothing. */
export type Figures = Readonly<Record<string, number | null>>;

export interface RatioResult {
  readonly numerator: string;
  readonly denominator: string;
  readonly metric: string;
  /** numerator / denominator within each round (the two ran back to back). */
  readonly perRound: readonly number[];
  readonly median: number | null;
  /** Geometric mean of perRound with a 95% t-interval on the logs. */
  readonly interval: RatioEstimate;
}

export interface ContenderResult {
  readonly name: string;
  readonly rounds: readonly Figures[];
  readonly median: Figures;
}

/** One setting measured (e.g. 16 in flight): every contender's rounds and the ratios between them. */
export interface BenchCase {
  readonly name: string;
  readonly contenders: readonly ContenderResult[];
  readonly ratios: readonly RatioResult[];
}

/**
 * A target from the issue, checked: `measured` against `limit` by `comparator`; `within` means |measured − 1| ≤ limit
 * (a ratio within ±limit of 1). `pass` is null when nothing was measured.
 */
export interface TargetCheck {
  /** The summary row's first column, e.g. `stdio echo, 16 in flight`. */
  readonly benchmark: string;
  /** The contenders' figures in words, e.g. `mcp-bench 41,200/s · SDK loop 39,800/s`. */
  readonly figures: string;
  /** What is compared, e.g. `mcp-bench / SDK loop calls/s`. */
  readonly quantity: string;
  readonly measured: number | null;
  /** For a ratio: the 95% interval of the per-round ratios' geometric mean, so the reader sees the noise. */
  readonly interval?: RatioEstimate;
  /** `none`: shown for information, no target (pass stays null). */
  readonly comparator: '>=' | '<' | 'within' | 'none';
  readonly limit: number;
  /** How measured and limit read: `×` (a ratio) or `%` (a fraction shown in percent). */
  readonly unit: '×' | '%';
  readonly pass: boolean | null;
  /** A stretch goal: shown, not counted as a miss of the issue's targets. */
  readonly stretch?: boolean;
}

export interface BenchResult {
  readonly name: string;
  readonly title: string;
  readonly startedAt: string;
  readonly wallMs: number;
  readonly environment: ReturnType<typeof benchEnvironment>;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly cases: readonly BenchCase[];
  readonly targets: readonly TargetCheck[];
  readonly notes: readonly string[];
}

/** The machine, plus its load average when the benchmark started: other work on it makes every figure noisier. */
export function benchEnvironment() {
  return { ...currentEnvironment(), mcpBench: VERSION, loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100) };
}

export function contenderResults(results: Readonly<Record<string, readonly Figures[]>>): ContenderResult[] {
  return Object.entries(results).map(([name, rounds]) => ({ name, rounds, median: medianFigures(rounds) }));
}

export function checkTarget(target: Omit<TargetCheck, 'pass'>): TargetCheck {
  const { measured, comparator, limit } = target;
  const pass = measured === null || !Number.isFinite(measured) || comparator === 'none'
    ? null
    : comparator === '>=' ? measured >= limit : comparator === '<' ? measured < limit : Math.abs(measured - 1) <= limit;
  return { ...target, pass };
}

/** `≥ 1.0×`, `< 10%`, `within ±3%`. */
export function targetText(target: Pick<TargetCheck, 'comparator' | 'limit' | 'unit' | 'stretch'>): string {
  if (target.comparator === 'none') return '—';
  // `within` limits are a fraction of 1 either way, so they read as percent.
  const limit = target.unit === '%' || target.comparator === 'within' ? `${round(target.limit * 100, 1)}%` : `${target.limit.toFixed(1)}×`;
  const text = target.comparator === 'within' ? `within ±${limit}` : `${target.comparator === '>=' ? '≥' : '<'} ${limit}`;
  return target.stretch ? `${text} (stretch)` : text;
}

export function measuredText(target: Pick<TargetCheck, 'measured' | 'unit' | 'comparator' | 'interval'>): string {
  const { measured, interval } = target;
  if (measured === null) return '—';
  if (target.unit === '%') return `${measured >= 0 ? '+' : ''}${round(measured * 100, 1)}%`;
  const digits = target.comparator === 'within' ? 3 : 2;
  const spread = interval?.low != null && interval.high != null ? ` [95%: ${interval.low.toFixed(digits)}–${interval.high.toFixed(digits)}]` : '';
  if (target.comparator === 'within') return `${measured.toFixed(3)}× (${measured >= 1 ? '+' : ''}${round((measured - 1) * 100, 1)}%)${spread}`;
  return `${measured.toFixed(2)}×${spread}`;
}

export function passMark(target: Pick<TargetCheck, 'pass' | 'comparator'>): string {
  if (target.comparator === 'none') return '';
  return target.pass === null ? '?' : target.pass ? '✓' : '✗';
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** 41234.5 → `41,235`, 169.24 → `169.2`; null → `—`. */
export function count(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (Math.abs(x) < 1000 && !Number.isInteger(x)) return x.toFixed(1);
  return Math.round(x).toLocaleString('en-US');
}

/** Column headings of the usual figures (others are shown by their key). */
const LABELS: Readonly<Record<string, string>> = {
  callsPerSec: 'calls/s',
  p50Us: 'p50 µs',
  p99Us: 'p99 µs',
  errors: 'errors',
  cpuUsPerCall: 'client CPU µs/call',
  rssMb: 'RSS MB',
  heapUsedMb: 'heap used MB',
  heapAfterGcMb: 'heap after GC MB',
  externalMb: 'external MB',
};
const label = (key: string): string => LABELS[key] ?? key;

function caseMarkdown(c: BenchCase): string[] {
  const keys = [...new Set(c.contenders.flatMap((x) => Object.keys(x.median)))];
  // The per-round column only where some contender ran more than one round.
  const primary = c.contenders.some((x) => x.rounds.length > 1) ? keys[0] : undefined;
  const lines = [
    `## ${c.name}`,
    '',
    `| contender | ${keys.map(label).join(' | ')} |${primary ? ` ${label(primary)} per round |` : ''}`,
    `|---|${keys.map(() => '---:').join('|')}|${primary ? '---|' : ''}`,
  ];
  for (const x of c.contenders) {
    const perRound = primary ? ` ${x.rounds.map((r) => count(r[primary])).join(', ')} |` : '';
    lines.push(`| ${x.name} | ${keys.map((k) => count(x.median[k])).join(' | ')} |${perRound}`);
  }
  lines.push('');
  for (const r of c.ratios) {
    const { interval } = r;
    const ci = interval.low !== null && interval.high !== null ? `, geometric mean ${interval.ratio?.toFixed(2)}× [95%: ${interval.low.toFixed(2)}–${interval.high.toFixed(2)}]` : '';
    lines.push(`- ${r.numerator} / ${r.denominator} ${label(r.metric)}: **${r.median?.toFixed(2) ?? '—'}×** (median of per-round ratios ${r.perRound.map((x) => x.toFixed(2)).join(', ')}${ci})`);
  }
  if (c.ratios.length > 0) lines.push('');
  return lines;
}

export function renderBenchMarkdown(result: BenchResult): string {
  const lines = [`# ${result.title}`, ''];
  for (const c of result.cases) lines.push(...caseMarkdown(c));
  if (result.targets.length > 0) {
    lines.push('## Targets', '', '| benchmark | figures | measured | target | |', '|---|---|---:|---|:---:|');
    for (const t of result.targets) {
      lines.push(`| ${t.benchmark} | ${t.figures} | ${t.quantity}: ${measuredText(t)} | ${targetText(t)} | ${passMark(t)} |`);
    }
    lines.push('');
  }
  for (const note of result.notes) lines.push(`- ${note}`);
  const env = result.environment;
  lines.push(
    '',
    `Measured ${result.startedAt} in ${(result.wallMs / 1000).toFixed(0)} s on ${env.cpus.count} × ${env.cpus.model}, Node ${env.node}, ` +
      `load average at start ${env.loadAverage.join(' / ')}. Settings: \`${JSON.stringify(result.settings)}\`.`,
    '',
  );
  return lines.join('\n');
}

export const BENCH_DIR = path.join('reports', 'bench');

/** Writes reports/bench/<name>.json and .md and (unless `print` is false) prints the Markdown to stdout. */
export async function writeBenchResult(result: BenchResult, print = true): Promise<void> {
  await mkdir(BENCH_DIR, { recursive: true });
  const markdown = renderBenchMarkdown(result);
  await writeFile(path.join(BENCH_DIR, `${result.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(path.join(BENCH_DIR, `${result.name}.md`), markdown);
  if (print) process.stdout.write(markdown);
}

/** One progress line on stderr, prefixed with the benchmark's name. */
export function progress(name: string): (line: string) => void {
  return (line) => process.stderr.write(`[${name}] ${line}\n`);
}


/**
 * Counts process warnings by name instead of printing each: the SDK's Streamable HTTP client adds an abort listener
 * per request to one shared signal, and Node then prints a MaxListenersExceededWarning per call past 1,500, which
 * would bury the benchmark's own output. The counts go into the result's notes.
 */
export function countWarnings(): () => Readonly<Record<string, number>> {
  const counts: Record<string, number> = {};
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    counts[warning.name] = (counts[warning.name] ?? 0) + 1;
  });
  return () => counts;
}
