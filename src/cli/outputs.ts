/**
 * Which report files a run writes, from `-o` (repeatable, format by extension) and `--format` (repeatable, written
 * beside the JSON report): decided and checked before the run, so a long run never ends in "unknown format".
 * The JSON report is written by default (the record baselines and `compare` read back); `--no-report` (or
 * `MCP_BENCH_NO_REPORT=1`) leaves out the default one, and only the files named with `-o` are written.
 */
import path from 'node:path';
import { didYouMean, listWords } from '../input/suggest.js';
import { EXTENSIONS_SHOWN, FORMAT_NAMES_SHOWN, FORMAT_WORDS, REPORTERS, formatFromPath, formatNamed, type ReportFormat } from '../report/registry.js';
import { outputWidth } from '../report/fit.js';
import { maskSummary } from '../summary/mask.js';
import type { RunSummary } from '../summary/summary.js';
import { defaultReportPath, reportPathProblem, writeReport } from './report-files.js';
import { displayPath } from './display-path.js';
import type { CliIo } from './io.js';

export interface OutputFile {
  readonly format: ReportFormat;
  readonly path: string;
}

export interface OutputPlan {
  /** Where the JSON report goes (the first `-o *.json`, else reports/<scenario>-<time>.json); null: none is written. */
  readonly jsonPath: string | null;
  /** Every file to write, the JSON report first (none with `--no-report` and no `-o`). */
  readonly files: readonly OutputFile[];
}

export interface OutputFlags {
  readonly out?: readonly string[];
  readonly format?: readonly string[];
  /** false: `--no-report`, no default JSON report (files named with `-o` are still written). */
  readonly report?: boolean;
}

/** The environment's default for `--no-report`: `MCP_BENCH_NO_REPORT=1`. */
export const NO_REPORT_ENV = 'MCP_BENCH_NO_REPORT';

/**
 * Whether the default JSON report is written: not with `--no-report`, nor with MCP_BENCH_NO_REPORT set to 1/true/yes
 * (0/false/no or empty: written). Any other value is an error, so a typo does not silently write or skip reports.
 */
export function reportWanted(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>): { ok: true; value: boolean } | { ok: false; error: string } {
  if (flag === false) return { ok: true, value: false };
  const text = env[NO_REPORT_ENV]?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no'].includes(text)) return { ok: true, value: true };
  if (['1', 'true', 'yes'].includes(text)) return { ok: true, value: false };
  return { ok: false, error: `${NO_REPORT_ENV} expects 1 (no report) or 0; got ${JSON.stringify(env[NO_REPORT_ENV])}` };
}

const KNOWN = FORMAT_NAMES_SHOWN.join(', ');
const KNOWN_EXTENSIONS = listWords(EXTENSIONS_SHOWN);

/** Resolves `-o` and `--format` against the working directory; an error names the flag value and what would work. */
export async function planOutputs(flags: OutputFlags, cwd: string, scenarioName: string, now: Date): Promise<{ ok: true; plan: OutputPlan } | { ok: false; error: string }> {
  const named: OutputFile[] = [];
  for (const out of flags.out ?? []) {
    const file = path.resolve(cwd, out);
    // A folder or an unwritable place is the clearer message than "no extension".
    const problem = await reportPathProblem(file, cwd);
    if (problem) return { ok: false, error: problem };
    const format = formatFromPath(file);
    if (!format) {
      const ext = path.extname(file) || '(none)';
      return { ok: false, error: `-o ${out}: cannot tell the report format from the extension ${ext}; use ${KNOWN_EXTENSIONS}` };
    }
    named.push({ format, path: file });
  }
  const jsonPath = named.find((o) => o.format === 'json')?.path ?? (flags.report === false ? null : defaultReportPath(cwd, scenarioName, now));
  const files: OutputFile[] = jsonPath === null ? named : [{ format: 'json', path: jsonPath }, ...named.filter((o) => o.path !== jsonPath)];
  const beside = besideJson(flags.format ?? [], jsonPath, files);
  if (!beside.ok) return beside;
  for (const file of files) {
    const problem = await reportPathProblem(file.path, cwd);
    if (problem) return { ok: false, error: problem };
  }
  return { ok: true, plan: { jsonPath, files } };
}

/** Adds `--format`'s files beside the JSON report to `files`; with none (`--no-report`), says to name them with -o. */
function besideJson(names: readonly string[], jsonPath: string | null, files: OutputFile[]): { ok: true } | { ok: false; error: string } {
  for (const name of names) {
    const format = formatNamed(name.trim());
    if (format === null) {
      const guess = didYouMean(name.trim(), FORMAT_WORDS);
      return { ok: false, error: `--format ${JSON.stringify(name)}: unknown format; ${guess ? `${guess} ` : ''}use one of ${KNOWN}` };
    }
    if (files.some((o) => o.format === format)) continue;
    if (jsonPath === null) return { ok: false, error: `--format ${name} writes beside the JSON report, and --no-report (or MCP_BENCH_NO_REPORT=1) writes none\n  hint: name the file with -o instead, e.g. -o report${REPORTERS[format].extension}` };
    files.push({ format, path: jsonPath.replace(/\.json$/i, '') + REPORTERS[format].extension });
  }
  return { ok: true };
}

/** Writes every planned file; returns the ones that failed (path and error code), never throws. */
export async function writeOutputs(summary: RunSummary, files: readonly OutputFile[]): Promise<{ path: string; code: string }[]> {
  const failed: { path: string; code: string }[] = [];
  for (const file of files) {
    const text = REPORTERS[file.format].render(summary, { color: false });
    await writeReport(file.path, text).catch((error: unknown) => failed.push({ path: file.path, code: (error as { code?: string }).code ?? 'error' }));
  }
  return failed;
}

export interface Delivery {
  /** `--json`: the JSON report on stdout instead of the table. */
  readonly json: boolean;
  /** Colour in the stdout table (files never have any). */
  readonly color: boolean;
  /** List the files written on stderr (`report: …`). */
  readonly listFiles: boolean;
}

/**
 * Writes the report files, then prints the summary on stdout — the results are printed even if a file could not be
 * written after all (disk full, folder removed meanwhile) — and says on stderr what failed or what was written.
 * Returns false when a file could not be written.
 */
export async function deliver(summary: RunSummary, files: readonly OutputFile[], how: Delivery, io: CliIo): Promise<boolean> {
  // runScenario masked the plan's secrets; the command's (flag values included) are masked here, before any format.
  const shown = io.secrets ? maskSummary(summary, io.secrets) : summary;
  const failed = await writeOutputs(shown, files);
  // The terminal's width (COLUMNS, a TTY's columns); a pipe or a file gets every name whole.
  const width = outputWidth(io.stdout, io.env);
  io.stdout.write(REPORTERS[how.json ? 'json' : 'table'].render(shown, { color: how.color, ...(width !== undefined && { width }) }));
  for (const failure of failed) io.stderr.write(`mcp-bench: could not write ${failure.path}: ${failure.code}\n`);
  if (failed.length > 0) return false;
  if (how.listFiles) for (const file of files) io.stderr.write(`report: ${displayPath(io.cwd, file.path)}\n`);
  return true;
}
