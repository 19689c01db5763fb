import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import { renderJunit } from '../../../src/report/junit.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

interface Element {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: Element[];
  text: string;
}

const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function decode(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/**
 * A small well-formedness check (no dependency): the declaration, then one root element; every tag balanced, every
 * attribute quoted and unique, no raw `<` or stray `&` in text or attributes. Returns the tree with decoded values.
 */
function parseXml(xml: string): Element {
  assert.ok(xml.startsWith(DECLARATION), 'starts with the XML declaration');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const stack: Element[] = [];
  let root: Element | null = null;
  token.lastIndex = DECLARATION.length;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const m = token.exec(xml);
    assert.ok(m, `not well-formed at offset ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
    const [, close, name, rawAttrs, selfClose, text] = m;
    if (text !== undefined) {
      assert.doesNotMatch(text, ENTITY, `a stray & in text: ${text}`);
      if (stack.length === 0) assert.match(text, /^\s*$/, 'only whitespace outside the root');
      else stack[stack.length - 1]!.text += decode(text);
      continue;
    }
    if (close) {
      assert.equal(stack.pop()?.name, name, `</${name}> closes the open element`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, key, value] of (rawAttrs ?? '').matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      assert.ok(!(key! in attrs), `attribute ${key} once`);
      assert.doesNotMatch(value!, ENTITY, `a stray & in ${key}="${value}"`);
      attrs[key!] = decode(value!);
    }
    const element: Element = { name: name!, attrs, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else {
      assert.equal(root, null, 'a single root element');
      root = element;
    }
    if (!selfClose) stack.push(element);
  }
  assert.equal(stack.length, 0, `unclosed: ${stack.map((e) => e.name).join(', ')}`);
  assert.ok(root, 'a root element');
  return root;
}

const all = (element: Element, name: string): Element[] =>
  element.children.flatMap((child) => (child.name === name ? [child, ...all(child, name)] : all(child, name)));

describe('the well-formedness check itself', () => {
  it('rejects unbalanced tags, raw < and stray &', () => {
    assert.throws(() => parseXml(`${DECLARATION}<a><b></a></b>`));
    assert.throws(() => parseXml(`${DECLARATION}<a name="x<y"/>`));
    assert.throws(() => parseXml(`${DECLARATION}<a>x & y</a>`));
    assert.throws(() => parseXml(`${DECLARATION}<a/><b/>`));
    assert.equal(parseXml(`${DECLARATION}<a n="&lt;&amp;&#10;">x &gt; y</a>\n`).attrs['n'], '<&\n');
  });
});

describe('JUnit report', () => {
  const summary = fixtureGatedSummary();
  const root = parseXml(renderJunit(summary));
  const suites = all(root, 'testsuite');

  it('is one <testsuites> with a suite per workload with thresholds, and one for the baseline', () => {
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(suites.map((s) => s.attrs['name']), ['echo-seq', 'mixed', 'never', 'baseline · reports/base.json']);
  });

  it('counts tests and failures right, on every suite and in total', () => {
    const expectedFailures = summary.gate.thresholds.failed + summary.gate.baseline!.checks.filter((c) => c.verdict === 'regressed').length;
    assert.equal(expectedFailures, 3);
    assert.equal(root.attrs['failures'], String(expectedFailures));
    assert.equal(all(root, 'failure').length, expectedFailures);
    assert.equal(root.attrs['tests'], String(all(root, 'testcase').length));
    for (const suite of suites) {
      const cases = all(suite, 'testcase');
      assert.equal(suite.attrs['tests'], String(cases.length), suite.attrs['name']);
      assert.equal(suite.attrs['failures'], String(cases.filter((c) => all(c, 'failure').length > 0).length), suite.attrs['name']);
    }
  });

  it('names each threshold testcase by its text and scope, and puts measured vs limit in the failure', () => {
    const failing = all(root, 'testcase').find((c) => c.attrs['name'] === 'p99<2ms · tools/call echo');
    assert.ok(failing);
    assert.equal(failing.attrs['classname'], 'fixture.mixed');
    const [failure] = all(failing, 'failure');
    assert.equal(failure?.attrs['message'], 'measured 2.99ms, limit < 2ms');
    assert.equal(failure?.text, 'p99<2ms on mixed / tools/call echo: measured 2.99ms, limit < 2ms (4,000 samples, from the scenario)');
    const empty = all(suites[2]!, 'failure')[0];
    assert.equal(empty?.attrs['message'], 'no samples, limit < 50ms');
  });

  it('fails regressed baseline checks only (within noise passes, as the exit code does)', () => {
    const baseline = all(suites[3]!, 'testcase');
    assert.deepEqual(baseline.map((c) => [c.attrs['classname'], c.attrs['name'], all(c, 'failure').length]), [
      ['baseline.echo-seq', 'p99 · tools/call echo', 0],
      ['baseline.echo-seq', 'throughput · tools/call echo', 0],
      ['baseline.mixed', 'p99 · tools/call echo', 1],
      ['baseline.mixed', 'p99 · ping', 0],
    ]);
    assert.equal(all(baseline[2]!, 'failure')[0]?.attrs['message'], 'regressed: 2.50ms → 2.99ms, 1.20× [1.18–1.21], allowed +10%');
  });

  it('fails a baseline with nothing in common with the run, instead of an empty suite that reads as passed', () => {
    const baseline = { ...summary.gate.baseline!, checks: [], unmatched: ['w / echo'], passed: false };
    const doc = parseXml(renderJunit({ ...summary, gate: { ...summary.gate, baseline } }));
    const suite = all(doc, 'testsuite').find((s) => s.attrs['name'] === 'baseline · reports/base.json');
    assert.ok(suite);
    assert.equal(suite.attrs['tests'], '1');
    assert.equal(suite.attrs['failures'], '1');
    const failure = all(suite, 'failure')[0];
    assert.equal(failure?.attrs['message'], 'nothing compared: no operation is in both this run and the baseline');
    assert.match(failure?.text ?? '', /not compared \(in one report only\): w \/ echo/);
  });

  it('gives times in seconds', () => {
    assert.equal(root.attrs['time'], '5.000');
    assert.equal(suites[0]?.attrs['time'], '1.050');
    assert.equal(suites[0]?.attrs['timestamp'], '2026-01-02T03:04:05');
    assert.ok(all(root, 'testcase').every((c) => c.attrs['time'] === '0'));
  });

  it('says in the failing threshold that it aborted the run', () => {
    const abortedBy = { workload: 'mixed', operation: 'tools/call echo', threshold: 'p99<2ms', metric: 'p99' as const, measured: 4_200, atUs: 3_200_000 };
    const aborted = parseXml(renderJunit({ ...summary, gate: { ...summary.gate, abortedBy } }));
    assert.match(all(aborted, 'failure')[0]?.text ?? '', /\naborted the run 3\.20s into it: measured 4\.20ms on the rolling window$/);
  });

  it('stays well-formed with quotes, ampersands, angle brackets, newlines and control characters in names', () => {
    const nasty = 'a"b\'c & <d>\ne\u0001f';
    const workloads = summary.workloads.map((w): WorkloadSummary => (w.name === 'mixed' ? { ...w, name: nasty, thresholds: w.thresholds.map((t) => ({ ...t, operation: nasty })) } : w));
    const parsed = parseXml(renderJunit({ ...summary, workloads }));
    const suite = all(parsed, 'testsuite').find((s) => s.attrs['name']?.startsWith('a"b'));
    assert.equal(suite?.attrs['name'], 'a"b\'c & <d>\ne\uFFFDf');
    assert.equal(all(suite!, 'testcase')[0]?.attrs['name'], 'p99<2ms · a"b\'c & <d>\ne\uFFFDf');
  });
});

describe('JUnit report without thresholds', () => {
  const complete = (): RunSummary => {
    const base = fixtureSummary();
    return { ...base, partial: false, failure: null, workloads: base.workloads.slice(0, 2) };
  };

  it('has one passing "run completed" testcase', () => {
    const root = parseXml(renderJunit(complete()));
    const cases = all(root, 'testcase');
    assert.deepEqual(cases.map((c) => c.attrs['name']), ['run completed']);
    assert.equal(root.attrs['tests'], '1');
    assert.equal(root.attrs['failures'], '0');
    assert.equal(all(root, 'testsuite')[0]?.attrs['time'], '2.050');
  });

  it('fails it when the run was partial, saying why', () => {
    const root = parseXml(renderJunit(fixtureSummary()));
    assert.equal(root.attrs['failures'], '1');
    assert.equal(all(root, 'failure')[0]?.attrs['message'], 'the server closed the connection mid-run (did the process exit?) (transport:closed)');
    const interrupted = parseXml(renderJunit({ ...complete(), partial: true, interrupted: true }));
    assert.equal(all(interrupted, 'failure')[0]?.attrs['message'], 'interrupted');
  });
});
