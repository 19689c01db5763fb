/**
 * Whether shard reports can be merged into one run's report: each is a shard's report, all of one plan and one split,
 * no index twice, none missing and none late (the last two allowed with `allowPartial`), the same workloads and
 * operations. Every problem names the file(s), says what is wrong and gives a hint; all are found at once.
 */
import { formatDuration } from '../input/units.js';
import type { ShardRunInfo } from '../summary/shard-info.js';
import type { RunSummary } from '../summary/summary.js';
import { workloadLabel } from '../summary/workload-label.js';

/** One shard's report as read, and how it was named (for messages and the per-shard table). */
export interface ShardReport {
  readonly file: string;
  readonly summary: RunSummary;
}

export interface CheckOptions {
  readonly expectShards?: number;
  readonly allowPartial?: boolean;
}

/** Shards that passed the checks, ordered by index, with what a partial merge lacks. */
export interface CheckedShards {
  readonly shards: readonly (ShardReport & { readonly info: ShardRunInfo })[];
  readonly count: number;
  readonly missing: readonly number[];
  /** Warnings of a partial merge: which shards are missing, which were late. */
  readonly warnings: readonly string[];
}

const SHARD_HINT = 'merge reads the reports of `mcp-bench run --shard i/N` (or --workers); to put whole runs side by side use `mcp-bench compare`';
const PARTIAL_HINT = 'merge every shard\'s report, or pass --allow-partial to merge what is there (the merged report is marked partial)';

export function checkShards(reports: readonly ShardReport[], options: CheckOptions): { ok: true; checked: CheckedShards } | { ok: false; problems: string[] } {
  if (reports.length === 0) return { ok: false, problems: ['no shard reports to merge\n  hint: name every shard\'s JSON report, e.g. mcp-bench merge shard-*.json -o merged.json'] };
  const unsharded = reports.filter((r) => r.summary.shard === undefined);
  if (unsharded.length > 0) {
    return { ok: false, problems: unsharded.map((r) => `${r.file}: not a shard's report (it has no "shard" block)\n  hint: ${SHARD_HINT}`) };
  }
  const shards = reports.map((r) => ({ ...r, info: r.summary.shard! })).sort((a, b) => a.info.index - b.info.index);
  const first = reports[0]!;
  const count = first.summary.shard!.count;
  const problems = [...planProblems(shards, first), ...indexProblems(shards, count, options.expectShards)];
  if (problems.length > 0) return { ok: false, problems };
  const missing = range(count).filter((index) => !shards.some((s) => s.info.index === index));
  const late = shards.filter((s) => s.info.late);
  const partial = [
    ...(missing.length > 0 ? [`shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: the merged figures cover ${shards.length} of ${count} shards`] : []),
    ...late.map((s) => `${s.file}: shard ${s.info.index}/${count} started late${offsetText(s.info)}: its load did not overlap the others' as planned`),
  ];
  if (partial.length > 0 && options.allowPartial !== true) return { ok: false, problems: partial.map((p) => `${p}\n  hint: ${PARTIAL_HINT}`) };
  const mismatched = workloadProblems(shards);
  if (mismatched.length > 0) return { ok: false, problems: mismatched };
  return { ok: true, checked: { shards, count, missing, warnings: partial } };
}

/** Same plan hash and shard count as the first report (the first named file is the reference). */
function planProblems(shards: readonly (ShardReport & { info: ShardRunInfo })[], first: ShardReport): string[] {
  const reference = first.summary.shard!;
  const problems: string[] = [];
  for (const s of shards) {
    if (s.info.planHash !== reference.planHash) {
      problems.push(`${s.file}: plan ${s.info.planHash} differs from ${first.file}'s ${reference.planHash}\n  hint: every shard must run the same scenario with the same flags (the plan hash covers both)`);
    } else if (s.info.count !== reference.count) {
      problems.push(`${s.file}: a shard of ${s.info.count}, but ${first.file} is a shard of ${reference.count}\n  hint: merge the reports of one split (--shard i/N with the same N)`);
    }
  }
  return problems;
}

function indexProblems(shards: readonly (ShardReport & { info: ShardRunInfo })[], count: number, expectShards: number | undefined): string[] {
  const problems: string[] = [];
  if (expectShards !== undefined && expectShards !== count) {
    problems.push(`--expect-shards ${expectShards}, but the reports are shards of ${count}\n  hint: pass the N of --shard i/N the shards ran with`);
  }
  for (const index of new Set(shards.map((s) => s.info.index))) {
    const files = shards.filter((s) => s.info.index === index).map((s) => s.file);
    if (files.length > 1) problems.push(`shard ${index}/${count} given ${files.length} times: ${files.join(', ')}\n  hint: each shard's report once; were two runs' reports mixed?`);
  }
  return problems;
}

/** Workloads (name, variant) and their operations must match the first shard's, in order. */
function workloadProblems(shards: readonly ShardReport[]): string[] {
  const [first, ...rest] = shards;
  if (!first) return [];
  const shape = (summary: RunSummary): string[] =>
    summary.workloads.map((w) => `${workloadLabel(w.name, w.variant)} (${w.operations.map((op) => op.name).join(', ')})`);
  const expected = shape(first.summary).join('; ');
  return rest
    .filter((s) => shape(s.summary).join('; ') !== expected)
    .map((s) => `${s.file}: workloads ${shape(s.summary).join('; ') || 'none'} differ from ${first.file}'s ${expected || 'none'}\n  hint: shards of one plan run the same workloads; was a report edited or written by another version?`);
}

function offsetText(info: ShardRunInfo): string {
  return info.startOffsetUs === null ? '' : ` (${formatDuration(info.startOffsetUs)} after its start time)`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
