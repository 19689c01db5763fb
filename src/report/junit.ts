import type { BaselineSummary, RegressionCheck, ThresholdResult } from '../thresholds/types.js';
import type { RunSummary } from '../summary/summary.js';
import { formatCount, formatLatency } from './format.js';
import { NOTHING_COMPARED, allowedText, changeText, failureMessage, formatMetricValue, scopeText, verdictText } from './gate-text.js';
import { workloadLabel } from '../summary/workload-label.js';
import { failureText, workloadView } from './workload-view.js';

/**
 * The JUnit XML report, for CI systems' test views: one <testsuite> per workload that has thresholds, each threshold
 * a <testcase> ("p99<50ms · tools/call echo") with a <failure> carrying measured vs limit; one more <testsuite> for
 * the baseline check, each check a <testcase> (regressed or without samples: failure; within noise: passes, as the
 * exit code does; no operation in common: one failing testcase). Workloads without thresholds have no suite.
 *
 * A run with no thresholds and no baseline still yields a valid document with one testcase, "run completed", so a
 * CI step that always uploads the file never finds it empty; it fails when the run was partial (the target failed
 * or the run was interrupted), because then the run did not complete. Times are seconds: a workload suite's time is
 * its measured window, <testsuites> the whole run; testcases take 0 (a threshold is checked, not timed).
 */
export function renderJunit(summary: RunSummary): string {
  const suites: Suite[] = summary.workloads.flatMap((w, index) => (w.thresholds.length > 0 ? [workloadSuite(summary, index)] : []));
  if (summary.gate.baseline) suites.push(baselineSuite(summary.gate.baseline));
  if (suites.length === 0) suites.push(completedSuite(summary));
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure).length, 0);
  const runSeconds = (Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000;
  const root = attrs({ name: `mcp-bench · ${summary.scenario.name}`, tests, failures, errors: 0, time: seconds(runSeconds) });
  const body = suites.map((suite) => renderSuite(suite, summary.startedAt));
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${root}>`, ...body, '</testsuites>', ''].join('\n');
}

interface Case {
  readonly name: string;
  readonly classname: string;
  /** Absent: passed. */
  readonly failure?: { readonly message: string; readonly type: string; readonly body: string };
}

interface Suite {
  readonly name: string;
  readonly seconds: number;
  readonly cases: readonly Case[];
  /** The suite's <properties>: the protocol version each of its workloads negotiated. */
  readonly properties?: readonly (readonly [string, string])[];
}

function renderSuite(suite: Suite, startedAt: string): string {
  const failures = suite.cases.filter((c) => c.failure).length;
  // The JUnit schema's timestamp has no zone designator; startedAt is UTC.
  const timestamp = startedAt.replace(/(\.\d+)?Z$/, '');
  const head = attrs({ name: suite.name, tests: suite.cases.length, failures, errors: 0, skipped: 0, time: seconds(suite.seconds), timestamp });
  const cases = suite.cases.map((c) => {
    const open = `    <testcase ${attrs({ name: c.name, classname: c.classname, time: '0' })}`;
    if (!c.failure) return `${open}/>`;
    const f = c.failure;
    return `${open}>\n      <failure ${attrs({ message: f.message, type: f.type })}>${text(f.body)}</failure>\n    </testcase>`;
  });
  return [`  <testsuite ${head}>`, ...propertyLines(suite.properties ?? []), ...cases, '  </testsuite>'].join('\n');
}

function propertyLines(properties: readonly (readonly [string, string])[]): string[] {
  if (properties.length === 0) return [];
  return ['    <properties>', ...properties.map(([name, value]) => `      <property ${attrs({ name, value })}/>`), '    </properties>'];
}

/** `protocolVersion` (one workload) or `protocolVersion · <workload>` per workload that negotiated one. */
function protocolProperties(summary: RunSummary, indexes: readonly number[]): [string, string][] {
  return indexes.flatMap((index) => {
    const version = summary.workloads[index]!.connection?.server.protocolVersion;
    if (!version) return [];
    return [[indexes.length === 1 ? 'protocolVersion' : `protocolVersion · ${workloadView(summary, index).label}`, version]];
  });
}

/** A workload's suite: named as the workload view names it, each threshold a case named by its text and scope. */
function workloadSuite(summary: RunSummary, index: number): Suite {
  const workload = summary.workloads[index]!;
  const view = workloadView(summary, index);
  const classname = `${summary.scenario.name}.${view.label}`;
  const cases = view.thresholds.map((row, i): Case => {
    const name = `${row.threshold} · ${row.scope}`;
    const t = workload.thresholds[i]!;
    if (row.passed) return { name, classname };
    const message = failureMessage(t);
    return { name, classname, failure: { message, type: 'threshold', body: thresholdBody(summary, t, view.label, message) } };
  });
  return { name: view.label, seconds: workload.durationUs / 1e6, cases, properties: protocolProperties(summary, [index]) };
}

function thresholdBody(summary: RunSummary, t: ThresholdResult, label: string, message: string): string {
  const lines = [`${t.threshold} on ${label} / ${scopeText(t.operation, t.tenant)}: ${message} (${formatCount(t.samples)} samples, from ${t.source === 'cli' ? '--threshold' : 'the scenario'})`];
  const a = summary.gate.abortedBy;
  if (a && a.threshold === t.threshold && a.workload === t.workload && a.variant === t.variant && a.operation === t.operation) {
    lines.push(`aborted the run ${formatLatency(a.atUs)} into it: measured ${formatMetricValue(t.metric, a.measured)} on the rolling window`);
  }
  return lines.join('\n');
}

function baselineSuite(baseline: BaselineSummary): Suite {
  const cases: Case[] = baseline.checks.map((check): Case => {
    const label = workloadLabel(check.workload, check.variant);
    const name = `${check.metric} · ${check.operation}`;
    const classname = `baseline.${label}`;
    if (check.verdict !== 'regressed' && check.verdict !== 'no-samples') return { name, classname };
    const message = checkMessage(check);
    return { name, classname, failure: { message, type: 'regression', body: `${check.metric} on ${label} / ${check.operation} vs ${baseline.file}: ${message}` } };
  });
  if (cases.length === 0) {
    // Nothing in common with the baseline fails the gate; a suite of no tests would read as green.
    const message = NOTHING_COMPARED;
    const body = `vs ${baseline.file}: ${message}${baseline.unmatched.length > 0 ? `\nnot compared (in one report only): ${baseline.unmatched.join(', ')}` : ''}`;
    cases.push({ name: 'baseline compared', classname: 'baseline', failure: { message, type: 'regression', body } });
  }
  return { name: `baseline · ${baseline.file}`, seconds: 0, cases };
}

function checkMessage(check: RegressionCheck): string {
  const values = `${formatMetricValue(check.metric, check.baseline)} → ${formatMetricValue(check.metric, check.current)}`;
  return `${verdictText(check.verdict)}: ${values}, ${changeText(check)}, allowed ${allowedText(check)}`;
}

function completedSuite(summary: RunSummary): Suite {
  const seconds = summary.workloads.reduce((s, w) => s + w.durationUs / 1e6, 0);
  const classname = summary.scenario.name;
  const properties = protocolProperties(summary, summary.workloads.map((_w, index) => index));
  if (!summary.partial) return { name: summary.scenario.name, seconds, cases: [{ name: 'run completed', classname }], properties };
  const message = summary.interrupted ? 'interrupted' : summary.failure ? failureText(summary.failure) : 'not every workload completed';
  const failure = { message, type: 'partial', body: `partial run: ${message}` };
  return { name: summary.scenario.name, seconds, cases: [{ name: 'run completed', classname, failure }], properties };
}

function seconds(s: number): string {
  return Number.isFinite(s) ? Math.max(0, s).toFixed(3) : '0';
}

function attrs(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${attr(String(value))}"`)
    .join(' ');
}

/** XML 1.0 cannot carry most control characters at all, even escaped: they become U+FFFD. */
function clean(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

/** Attribute values: quotes escaped, and newlines/tabs as references so parsers do not normalise them to spaces. */
export function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

export function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
