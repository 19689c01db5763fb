/**
 * `mcp-bench merge shard-*.json -o merged.json`: the reports of one sharded run (`run --shard i/N`) as the report of
 * the whole run, exactly (shards/merge.ts), its thresholds judged again on the merged figures, then the gate
 * (`--threshold`, `--baseline`) and the report files as `run` writes them. Exit codes as `run`: 0, 1 (gate failed),
 * 2 (unreadable or unmergeable reports, missing or late shards without --allow-partial, bad flags), 3 (a shard's
 * target failed).
 */
import path from 'node:path';
import { checkBaseline } from '../gate/baseline.js';
import { rejudgeThresholds } from '../gate/threshold-eval.js';
import type { GateBaseline } from '../pipeline/gate.js';
import { failureText } from '../report/workload-view.js';
import { loadReport } from '../report/load-report.js';
import { mergeShards, type ShardReport } from '../shards/merge.js';
import type { RunSummary } from '../summary/summary.js';
import { useColor } from './color.js';
import { ExitCode } from './exit-codes.js';
import { gateFailureLine, prepareGate, type GateFlags } from './gate.js';
import type { CliIo } from './io.js';
import { deliver, planOutputs, type OutputFlags } from './outputs.js';

export interface MergeFlags extends OutputFlags, GateFlags {
  readonly json?: boolean;
  readonly color: boolean;
  readonly quiet?: boolean;
  /** `--expect-shards N`: how many shards the run had (else the reports' own count). */
  readonly expectShards?: string;
  /** `--allow-partial`: merge what is there when shards are missing or late (the report is marked partial). */
  readonly allowPartial?: boolean;
}

export async function mergeCommand(files: readonly string[], flags: MergeFlags, io: CliIo): Promise<ExitCode> {
  const expectShards = parseExpectShards(flags.expectShards);
  if (typeof expectShards === 'string') return bad(io, expectShards);
  const gate = await prepareGate(flags, io.cwd);
  if (!gate.ok) return bad(io, gate.error);
  const reports = await loadShards(files, io);
  if (reports === null) return ExitCode.BadInput;
  const merged = mergeShards(reports, { ...(expectShards !== undefined && { expectShards }), allowPartial: flags.allowPartial === true });
  if (!merged.ok) return bad(io, [`cannot merge ${files.length} report${files.length === 1 ? '' : 's'}:`, ...merged.problems.map((p) => `  ${p.replace(/\n/g, '\n  ')}`)].join('\n'));
  const summary = withBaseline(rejudgeThresholds(merged.summary, gate.gate.thresholds), gate.gate.baseline);
  const outputs = await planOutputs(flags, io.cwd, summary.scenario.name, new Date());
  if (!outputs.ok) return bad(io, outputs.error);
  const how = { json: flags.json === true, color: useColor(io.stdout, io, flags.color), listFiles: !flags.quiet && !flags.json };
  if (!(await deliver(summary, outputs.plan.files, how, io))) return ExitCode.TargetFailed;
  return exitCodeOf(summary, io);
}

/** Every file read before anything is merged; all unreadable ones are named at once (exit 2). */
async function loadShards(files: readonly string[], io: CliIo): Promise<ShardReport[] | null> {
  if (files.length === 0) {
    io.stderr.write('mcp-bench: merge needs the shards\' JSON reports, e.g. mcp-bench merge shard-*.json -o merged.json\n');
    return null;
  }
  const reports: ShardReport[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const loaded = await loadReport(path.resolve(io.cwd, file));
    if (loaded.ok) reports.push({ file, summary: loaded.summary });
    else problems.push(`${loaded.message}${loaded.hint ? `\n  hint: ${loaded.hint}` : ''}`);
  }
  for (const problem of problems) io.stderr.write(`mcp-bench: ${problem}\n`);
  return problems.length > 0 ? null : reports;
}

/** A whole number of shards, at least 1, or what is wrong with it. */
function parseExpectShards(text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined;
  const n = Number(text.trim());
  if (!/^\s*\d+\s*$/.test(text) || n < 1) return `--expect-shards expects a whole number of shards, at least 1; got ${JSON.stringify(text)}`;
  return n;
}

/** `--baseline`: the merged run against a saved report, as `run` checks it (pipeline/gate.ts). */
function withBaseline(summary: RunSummary, baseline: GateBaseline | null): RunSummary {
  if (!baseline) return summary;
  const checked = checkBaseline(summary, baseline.summary, baseline.tolerances, baseline.file);
  return { ...summary, gate: { ...summary.gate, baseline: checked, passed: summary.gate.passed && checked.passed } };
}

function exitCodeOf(summary: RunSummary, io: CliIo): ExitCode {
  for (const warning of summary.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (summary.failure) {
    io.stderr.write(`mcp-bench: a shard's run failed: ${failureText(summary.failure)}\n`);
    return ExitCode.TargetFailed;
  }
  const gateFailure = gateFailureLine(summary);
  if (gateFailure) {
    io.stderr.write(`mcp-bench: ${gateFailure}\n`);
    return ExitCode.GateFailed;
  }
  return ExitCode.Ok;
}

function bad(io: CliIo, message: string): ExitCode {
  io.stderr.write(`mcp-bench: ${message}\n`);
  return ExitCode.BadInput;
}
