/**
 * The workload view's sentences below the figures: notes with their tone, error lines and threshold rows
 * (workload-view.ts puts them together). Plain strings: each format adds its own marks, colour and escaping.
 */
import type { RunFailure } from '../runner/run.js';
import type { WorkloadSummary } from '../summary/summary.js';
import type { BadOutputSummary } from '../metrics/bad-output.js';
import { streamResumptionText } from '../metrics/stream-resumptions.js';
import { formatCount, formatCounted, formatPercent } from './format.js';
import { limitText, measuredText, scopeText } from './gate-text.js';
import { harnessLine, memoryClimbWarning, saturationWarning } from './harness-text.js';
import { authText } from './auth-text.js';

/** How strongly a format marks a piece of text: dimmed (context), a warning, or bad (a failure). */
export type Tone = 'dim' | 'warning' | 'bad';

export interface Note {
  /**
   * What it is about: how the figures were made (`engine`, `harness`, `saturation`, `harness-memory`), or how the workload ended
   * (`failure`, `interrupted`, `abandoned`: see isStatusNote). Formats may place the two kinds apart.
   */
  readonly kind: 'engine' | 'harness' | 'saturation' | 'harness-memory' | 'bad-output' | 'streams' | 'auth' | 'checks' | 'journey' | 'failure' | 'interrupted' | 'abandoned';
  readonly tone: Tone;
  /** The sign a format puts before it in its own glyphs (✗ or ❌, ⚠ or ⚠️); null: none. */
  readonly sign: 'fail' | 'warn' | null;
  readonly text: string;
  /** Lines that belong beneath it: a failure's last server stderr lines, each `server: …`. */
  readonly detail: readonly string[];
}

export interface ErrorLine {
  readonly operation: string;
  /** `tool-error`, `×10` */
  readonly kinds: readonly { readonly kind: string; readonly times: string }[];
  /** The whole line: `errors · tools/call echo: tool-error ×10`. */
  readonly text: string;
}

export interface ThresholdRow {
  readonly passed: boolean;
  /** As written: `p99<2ms`. */
  readonly threshold: string;
  /** `tools/call echo`, or `all operations`. */
  readonly scope: string;
  /** `2.99ms`, `no samples`, `not applicable: no cache layer`. */
  readonly measured: string;
  /** A failed threshold's `limit < 2ms`; null when it passed. */
  readonly limit: string | null;
}

const INTERRUPTED = 'interrupted: figures cover the calls made before the stop';

/**
 * A failure in one line: `the server closed the connection mid-run (did the process exit?) (transport:closed)`. The
 * code once only: a message that already names it (a saved report from before messages left it out) is not followed
 * by it again ("(transport:reset) (transport:reset)").
 */
export function failureText(failure: RunFailure): string {
  if (failure.message.includes(`(${failure.code})`)) return failure.message;
  // The code follows the message's first line; a hint on the lines after it stays last.
  const [first, ...rest] = failure.message.split('\n');
  return [`${first} (${failure.code})`, ...rest].join('\n');
}

/** How the workload ended (failed, interrupted, calls abandoned), as opposed to how its figures were made. */
export function isStatusNote(note: Note): boolean {
  return note.kind === 'failure' || note.kind === 'interrupted' || note.kind === 'abandoned';
}

export function notes(workload: WorkloadSummary): Note[] {
  const out: Note[] = (workload.engineNotes ?? []).map((text) => note('engine', 'dim', null, `note: ${text}`));
  if (workload.harness) {
    out.push(note('harness', 'dim', null, harnessLine(workload.harness)));
    const warning = saturationWarning(workload.harness);
    if (warning) out.push(note('saturation', 'warning', 'warn', warning));
    const climbed = memoryClimbWarning(workload.harness);
    if (climbed) out.push(note('harness-memory', 'warning', 'warn', climbed));
  }
  if (workload.badOutput) out.push(note('bad-output', 'warning', 'warn', badOutputText(workload.badOutput)));
  if (workload.streams) out.push(note('streams', 'dim', null, streamResumptionText(workload.streams)));
  if (workload.auth) out.push(note('auth', workload.auth.failures > 0 ? 'warning' : 'dim', workload.auth.failures > 0 ? 'warn' : null, authText(workload.auth)));
  if (workload.total.count > 0) out.push(...checkNotes(workload));
  if (workload.failure) {
    const stderr = workload.failure.serverStderr.map((line) => `server: ${line}`);
    out.push(note('failure', 'bad', 'fail', failureText(workload.failure), stderr));
  }
  if (workload.status === 'interrupted') out.push(note('interrupted', 'warning', null, INTERRUPTED));
  if (workload.abandonedCalls) {
    const text = `${formatCounted(workload.abandonedCalls, 'call')} still in flight when the grace period ended: abandoned, not counted`;
    out.push(note('abandoned', 'warning', null, text));
  }
  return out;
}

/** `the server wrote 3 lines that are not JSON-RPC (skipped), 1 answer whose id matched no request`. */
export function badOutputText(counts: BadOutputSummary): string {
  const parts: string[] = [];
  const n = (count: number, one: string, many: string): string => `${formatCount(count)} ${count === 1 ? one : many}`;
  if (counts.notJsonRpc > 0) parts.push(`${n(counts.notJsonRpc, 'line or answer that is', 'lines or answers that are')} not JSON-RPC (skipped)`);
  if (counts.unknownId > 0) parts.push(`${n(counts.unknownId, 'answer', 'answers')} whose id matched no request in flight`);
  if (counts.tooLarge > 0) parts.push(`${n(counts.tooLarge, 'answer', 'answers')} over the size limit (not read)`);
  if ((counts.undecodable ?? 0) > 0) parts.push(`${n(counts.undecodable ?? 0, 'compressed answer', 'compressed answers')} that did not decode`);
  return `bad server output: the server wrote ${parts.join(', ')}`;
}

/**
 * A journey's completion (`journey · signup: 98.0% completed (12 steps not reached)`) and each operation's checks
 * (`checks · tools/call store_get: 99.5% passed, check-failed ×2 (text contains "ok" ×2)`).
 */
function checkNotes(workload: WorkloadSummary): Note[] {
  const out: Note[] = [];
  for (const op of workload.operations) {
    if (op.journey && op.count > 0) {
      const reached = workload.operations.filter((step) => step.step?.journey === op.name).reduce((sum, step) => sum + step.count, 0);
      const notReached = op.count * op.journey.steps.length - reached;
      const completed = `${formatPercent(op.ok / op.count)} completed`;
      const text = `journey · ${op.name}: ${completed}${notReached > 0 ? ` (${formatCounted(notReached, 'step')} not reached)` : ''}`;
      out.push(note('journey', op.ok === op.count ? 'dim' : 'warning', null, text));
    }
    const checks = op.checks;
    if (!checks || checks.passed + checks.failed === 0) continue;
    const failures = Object.entries(checks.failures).map(([name, n]) => `${name} ×${formatCount(n)}`);
    const failed = checks.failed > 0 ? `, check-failed ×${formatCount(checks.failed)} (${failures.join(', ')})` : '';
    out.push(note('checks', checks.failed > 0 ? 'warning' : 'dim', null, `checks · ${op.name}: ${formatPercent(checks.passRate)} passed${failed}`));
  }
  return out;
}

function note(kind: Note['kind'], tone: Tone, sign: Note['sign'], text: string, detail: readonly string[] = []): Note {
  return { kind, tone, sign, text, detail };
}

/** One line per operation that had errors: each kind and code with its count. */
export function errorLines(workload: WorkloadSummary): ErrorLine[] {
  return workload.operations
    .filter((op) => Object.values(op.errors).some((n) => n > 0))
    .map((op) => {
      const kinds = Object.entries(op.errors)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => ({ kind, times: `×${formatCount(n)}` }));
      const text = `errors · ${op.name}: ${kinds.map((k) => `${k.kind} ${k.times}`).join(', ')}`;
      return { operation: op.name, kinds, text };
    });
}

/** Each threshold on the workload: text as written, scope, measured value, and the limit when it failed. */
export function thresholdRows(workload: WorkloadSummary): ThresholdRow[] {
  return workload.thresholds.map((t) => ({
    passed: t.passed,
    threshold: t.threshold,
    scope: scopeText(t.operation, t.tenant),
    measured: measuredText(t),
    limit: t.passed ? null : `limit ${limitText(t)}`,
  }));
}
