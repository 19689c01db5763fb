import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunSummary } from '../../../src/summary/summary.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderTable } from '../../../src/report/table.js';
import { headlineText, workloadViews, type WorkloadView } from '../../../src/report/workload-view.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureModelsSummary } from '../../fixtures/models-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { mergeShards } from '../../../src/shards/merge.js';
import { shardsView } from '../../../src/report/shards-view.js';
import { splitRun, withShard } from '../shards/shard-fixtures.js';

/**
 * The same figure reads the same in every format: each workload's section of the table, Markdown and HTML reports,
 * with the format's markup taken off, holds the same texts.
 */
interface Format {
  readonly name: string;
  /** Each workload's section of the report, by workload name, as plain text (markup and escapes removed). */
  readonly sections: (summary: RunSummary) => Map<string, string>;
  /** The cells of the service-time table's row for one operation, in one section (as rendered, unescaped). */
  readonly serviceRow: (section: string, operation: string) => string[];
}

const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };
const unHtml = (text: string): string => text.replace(/<[^>]+>/g, '').replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? e);
const unMarkdown = (text: string): string => text.replace(/\\([\\`*_{}[\]<>|~&$#!])/g, '$1').replace(/&#64;/g, '@');

/** Splits a report into workload sections at `marker`; each is named by what follows the marker up to `end`. */
function split(text: string, marker: RegExp, name: (section: string) => string, plain: (s: string) => string): Map<string, string> {
  return new Map(text.split(marker).slice(1).map((section) => [name(section), plain(section)]));
}

const FORMATS: readonly Format[] = [
  {
    name: 'table',
    sections: (summary) => {
      const names = summary.workloads.map((w) => w.name);
      const blocks = renderTable(summary, { color: false }).split('\n\n');
      return new Map(names.map((n) => [n, blocks.find((b) => b.startsWith(`${n} `)) ?? '']));
    },
    serviceRow: (section, operation) => {
      const table = section.slice(section.indexOf('│ service time'));
      const line = table.split('\n').find((l) => l.startsWith(`  │ ${operation} `)) ?? '';
      return line.split('│').map((cell) => cell.trim()).filter((cell) => cell !== '');
    },
  },
  {
    name: 'markdown',
    sections: (summary) => split(renderMarkdown(summary), /^### /m, (s) => unMarkdown(s.slice(0, s.indexOf('\n'))), (s) => s),
    serviceRow: (section, operation) => {
      const table = section.slice(section.indexOf('| service time |'));
      const line = table.split('\n').find((l) => unMarkdown(l).startsWith(`| ${operation} |`)) ?? '';
      return line.replace(/^\| | \|$/g, '').split(/(?<!\\)\|/).map((cell) => unMarkdown(cell.trim()));
    },
  },
  {
    name: 'html',
    sections: (summary) => split(renderHtml(summary), /<section class="workload">/, (s) => unHtml(s.slice(s.indexOf('<h2>') + 4, s.indexOf('</h2>'))), (s) => s),
    serviceRow: (section, operation) => {
      const table = section.slice(section.indexOf('<table class="service-time">'));
      const row = table.split('\n').find((l) => l.startsWith(`<tr><td>${operation}</td>`)) ?? '';
      return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => unHtml(m[1] ?? ''));
    },
  },
];

/** Plain text of a section: for the table it already is; Markdown and HTML lose their escapes and tags. */
function plain(format: Format, section: string): string {
  return format.name === 'markdown' ? unMarkdown(section) : format.name === 'html' ? unHtml(section) : section;
}

function sectionOf(format: Format, summary: RunSummary, workload: string): string {
  const section = format.sections(summary).get(workload);
  assert.ok(section, `${format.name}: no section for ${workload}`);
  return plain(format, section);
}

/** Every text the view words for a workload that each of the three formats shows. */
function viewTexts(view: WorkloadView): string[] {
  const texts = [headlineText(view.headline), ...view.facts, ...view.speedup];
  if (view.headline.engine) texts.push(view.headline.engine);
  if (view.notRun) texts.push(view.notRun);
  for (const note of view.notes) texts.push(note.text, ...note.detail);
  for (const error of view.errors) texts.push(`${error.operation}: ${error.kinds.map((k) => `${k.kind} ${k.times}`).join(', ')}`);
  if (view.openModel) texts.push(view.openModel.meaning, view.openModel.sendLag);
  for (const row of view.operations) texts.push(row.name, row.calls, row.errors, row.callsPerSec, row.latency.p50, row.latency.p99, row.latency.max);
  if (!view.notRun) for (const t of view.thresholds) texts.push(t.threshold, t.scope, t.measured, ...(t.limit ? [t.limit] : []));
  return texts;
}

describe('formats agree: an open-model workload reads the same in table, Markdown and HTML (must-show 4)', () => {
  const summary = fixtureModelsSummary();

  it('target and achieved rate, dropped arrivals, service time and send lag, word for word', () => {
    const expected = [
      'constant-rate · target 500/s, sent 499/s',
      '10 dropped (max 16 in flight)',
      "latency above runs from each call's scheduled start (coordinated-omission corrected); service time from its actual send:",
      'send lag (actual send − scheduled start): p50 197µs, p99 344µs, max 347µs',
    ];
    for (const format of FORMATS) {
      const section = sectionOf(format, summary, 'rate');
      for (const text of expected) assert.ok(section.includes(text), `${format.name} lacks "${text}" in:\n${section}`);
      const raw = format.sections(summary).get('rate') ?? '';
      assert.deepEqual(format.serviceRow(raw, 'tools/call echo'), ['tools/call echo', '2.99ms', '3.79ms', '3.97ms', '3.99ms', '7'], format.name);
      assert.deepEqual(format.serviceRow(raw, 'ping'), ['ping', '300µs', '300µs', '300µs', '300µs', '3'], format.name);
      assert.doesNotMatch(section, /constant-rate · 16 in flight/, `${format.name}: the cap is not a measured figure`);
    }
  });

  it('the speed-up line for a closed-loop workload after a one-in-flight one, in every format', () => {
    const line = 'vs baseline: 2.1× the calls/s at 4 in flight; tools/call echo p50 1.49ms → 2.29ms';
    for (const format of FORMATS) assert.ok(sectionOf(format, summary, 'burst').includes(line), format.name);
    const mixed = 'vs echo-seq: 5.2× the calls/s at 8 in flight (different mixes: 1 of 2 operations shared); tools/call echo p50 1.05ms → 2.50ms';
    for (const format of FORMATS) assert.ok(sectionOf(format, fixtureSummary(), 'mixed').includes(mixed), format.name);
  });

  it('and for no open-model workload, in any format', () => {
    for (const format of FORMATS) {
      for (const name of ['rate', 'ramp', 'boot-crash']) {
        assert.doesNotMatch(sectionOf(format, summary, name), /vs \S+: .*the calls\/s/, `${format.name}: ${name}`);
      }
    }
  });
});

describe('formats agree: every text of every workload view is in every format', () => {
  for (const [fixture, build] of [['plain', fixtureSummary], ['gated', fixtureGatedSummary], ['models', fixtureModelsSummary]] as const) {
    it(`the ${fixture} fixture`, () => {
      const summary = build();
      for (const view of workloadViews(summary)) {
        for (const format of FORMATS) {
          const section = sectionOf(format, summary, view.name);
          for (const text of viewTexts(view)) assert.ok(section.includes(text), `${format.name}, ${view.name}: lacks "${text}" in:\n${section}`);
        }
      }
    });
  }
});

describe('formats agree: the per-shard table of a merged report reads the same in table, Markdown and HTML', () => {
  it('facts, every cell of every row, and the missing and late notes', () => {
    const run = splitRun(600, 3);
    const late = withShard(run.shards[2]!, { index: 2, count: 3, late: true, startOffsetUs: 2_500_000 });
    const outcome = mergeShards([{ file: 'a.json', summary: run.shards[0]! }, { file: 'c.json', summary: late }], { allowPartial: true });
    assert.ok(outcome.ok);
    const view = shardsView(outcome.summary);
    assert.ok(view);
    const texts = [view.facts, ...view.head, ...view.rows.flatMap((row) => row.cells), ...view.notes];
    assert.ok(view.notes.length === 2 && view.rows.length === 2);
    const rendered: Record<string, string> = {
      table: renderTable(outcome.summary, { color: false }),
      markdown: unMarkdown(renderMarkdown(outcome.summary)),
      html: unHtml(renderHtml(outcome.summary)),
    };
    for (const [format, text] of Object.entries(rendered)) {
      for (const expected of texts) assert.ok(text.includes(expected), `${format} lacks "${expected}"`);
    }
    assert.equal(shardsView(fixtureSummary()), null, 'no shards block on a report that is no merge');
  });
});
