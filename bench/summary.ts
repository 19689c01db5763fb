/**
 * The suite's one table: every target check of every benchmark that ran, in the order run, plus a row for each
 * benchmark that did not finish. Pure: BenchResults (read back from reports/bench/*.json) in, Markdown out, so the
 * table pasted into the README is exactly what the benchmarks decided.
 */
import { measuredText, passMark, targetText, type BenchResult } from './report.js';

export interface SuiteEntry {
  readonly name: string;
  /** How to run it alone with the suite's settings. */
  readonly command: string;
  readonly wallMs: number;
  /** The result it wrote, or why there is none. */
  readonly outcome: { readonly ok: true; readonly result: BenchResult } | { readonly ok: false; readonly reason: string };
}

export function summaryTable(entries: readonly SuiteEntry[]): string {
  const lines = ['| benchmark | figures (medians) | ratio | target | |', '|---|---|---:|---|:---:|'];
  for (const entry of entries) {
    if (!entry.outcome.ok) {
      lines.push(`| ${entry.name} | ${entry.outcome.reason} | — | — | ✗ |`);
      continue;
    }
    for (const t of entry.outcome.result.targets) {
      lines.push(`| ${t.benchmark} | ${t.figures} | ${t.quantity}: ${measuredText(t)} | ${targetText(t)} | ${passMark(t)} |`);
    }
  }
  return lines.join('\n');
}

/** Targets missed (stretch goals apart), and benchmarks that produced nothing, in words. */
export function misses(entries: readonly SuiteEntry[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (!entry.outcome.ok) {
      out.push(`${entry.name}: ${entry.outcome.reason}`);
      continue;
    }
    for (const t of entry.outcome.result.targets) {
      if (t.pass === false && !t.stretch) out.push(`${t.benchmark}: ${t.quantity} ${measuredText(t)}, target ${targetText(t)}`);
    }
  }
  return out;
}

export function renderSummary(entries: readonly SuiteEntry[], totalMs: number, environment: BenchResult['environment'], quick = false): string {
  const missed = misses(entries);
  const stretchMissed = entries.flatMap((e) => (e.outcome.ok ? e.outcome.result.targets.filter((t) => t.stretch && t.pass === false) : []));
  return [
    '# mcp-bench performance',
    '',
    ...(quick ? ['**Quick run** (`--quick`: one short round each): a smoke test of the suite, too noisy to judge targets by.', ''] : []),
    summaryTable(entries),
    '',
    missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.join('; ')}.`,
    ...(stretchMissed.length > 0 ? ['', `Stretch targets missed: ${stretchMissed.map((t) => `${t.benchmark} (${measuredText(t)})`).join('; ')}.`] : []),
    '',
    `Measured on ${environment.cpus.count} × ${environment.cpus.model}, ${Math.round(environment.memoryBytes / 2 ** 30)} GiB, ` +
      `Node ${environment.node}, ${environment.platform} ${environment.osRelease}; load average at start ${environment.loadAverage.join(' / ')}. ` +
      `The client and the server share the machine's cores, so absolute figures move with whatever else runs; the ratios ` +
      'are taken within rounds that ran back to back (alternating A B C, C B A, …), which is why they are steadier than ' +
      'the calls/s themselves.',
    '',
    '## Reproduce',
    '',
    '```sh',
    `npm run bench${quick ? ' -- --quick' : ''}          # all of the above, ${Math.round(totalMs / 1000)} s here; writes reports/bench/`,
    ...entries.map((e) => `${e.command.padEnd(70)} # ${Math.round(e.wallMs / 1000)} s`),
    '```',
    '',
    'Each benchmark writes reports/bench/<name>.json (every round, medians, ratios, targets) and <name>.md; the ' +
      'flags shorten a run (fewer rounds, seconds or levels) for a quick look.',
    '',
  ].join('\n');
}
