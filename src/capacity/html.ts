/**
 * A capacity search as one self-contained HTML page: an inline SVG plot (arrival rate on x; p99 on the left axis and
 * the error rate on the right, each step's point coloured by its verdict; the SLO's limits drawn; the knee marked),
 * then the steps' table and the result line. No scripts, no external styles or fonts. Pure.
 */
import { formatDuration, formatRate } from '../input/units.js';
import type { CapacityReport } from './report.js';
import { stepRows } from './report.js';

const WIDTH = 720;
const HEIGHT = 360;
const PAD = { left: 70, right: 70, top: 24, bottom: 48 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
const COLOURS = { pass: '#2e7d32', fail: '#c62828', inconclusive: '#ef6c00' } as const;
const P99_COLOUR = '#1565c0';
const ERROR_COLOUR = '#6a1b9a';

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** The page. */
export function renderCapacityHtml(report: CapacityReport): string {
  const title = `mcp-bench capacity: ${report.target}`;
  const header = ['step', 'target', 'achieved', 'p50', 'p99', 'errors', 'dropped', 'verdict', 'why'];
  const rows = stepRows(report.steps)
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}td:last-child{text-align:left}.result{font-weight:600}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>SLO: ${report.slos.map((slo) => `<code>${escapeHtml(slo.text)}</code>`).join(' and ')} · open model, latency from each call's scheduled start</p>
<p class="result">${escapeHtml(report.result.line)}</p>
${renderPlot(report)}
<table><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

interface Scales {
  readonly x: (perSec: number) => number;
  readonly yLatency: (us: number) => number;
  readonly yErrors: (fraction: number) => number;
  readonly maxRate: number;
  readonly maxUs: number;
  readonly maxErrors: number;
}

function scalesOf(report: CapacityReport): Scales {
  const latencyLimits = report.slos.filter((slo) => slo.metric !== 'error_rate').map((slo) => slo.limit);
  const errorLimits = report.slos.filter((slo) => slo.metric === 'error_rate').map((slo) => slo.limit);
  const maxRate = Math.max(1, ...report.steps.map((s) => s.targetRatePerSec)) * 1.05;
  const maxUs = Math.max(1, ...report.steps.map((s) => s.p99Us), ...latencyLimits) * 1.1;
  const maxErrors = Math.max(0.01, ...report.steps.map((s) => s.errorRate), ...errorLimits) * 1.1;
  return {
    x: (perSec) => PAD.left + (perSec / maxRate) * PLOT_W,
    yLatency: (us) => PAD.top + PLOT_H - (us / maxUs) * PLOT_H,
    yErrors: (fraction) => PAD.top + PLOT_H - (fraction / maxErrors) * PLOT_H,
    maxRate,
    maxUs,
    maxErrors,
  };
}

const n = (value: number): string => value.toFixed(1);

/** The SVG: axes with ticks, the p99 and error-rate series, the SLO limits dashed, the knee a vertical line. */
export function renderPlot(report: CapacityReport): string {
  const s = scalesOf(report);
  const parts: string[] = [axes(s)];
  // Every SLO is on latency (the left axis) or the error rate (the right one).
  for (const slo of report.slos) {
    const errors = slo.metric === 'error_rate';
    const y = errors ? s.yErrors(slo.limit) : s.yLatency(slo.limit);
    const colour = errors ? ERROR_COLOUR : P99_COLOUR;
    parts.push(`<line class="slo" x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${n(y)}" y2="${n(y)}" stroke="${colour}" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${PAD.left + 4}" y="${n(y - 4)}" fill="${colour}" font-size="11">SLO ${escapeHtml(slo.text)}</text>`);
  }
  const knee = report.result.lastPassPerSec ?? report.result.aboutPerSec;
  if (knee !== null) {
    const x = s.x(knee);
    parts.push(`<line class="knee" x1="${n(x)}" x2="${n(x)}" y1="${PAD.top}" y2="${PAD.top + PLOT_H}" stroke="#2e7d32" stroke-width="2"/>`);
    parts.push(`<text x="${n(x + 4)}" y="${PAD.top + 12}" fill="#2e7d32" font-size="12">knee ${escapeHtml(formatRate(knee))}/s</text>`);
  }
  const ordered = [...report.steps].sort((a, b) => a.targetRatePerSec - b.targetRatePerSec);
  parts.push(series(ordered.map((step) => [s.x(step.targetRatePerSec), s.yLatency(step.p99Us)]), P99_COLOUR, 'p99'));
  parts.push(series(ordered.map((step) => [s.x(step.targetRatePerSec), s.yErrors(step.errorRate)]), ERROR_COLOUR, 'error-rate'));
  for (const step of report.steps) {
    const tip = `${formatRate(step.targetRatePerSec)}/s: ${step.verdict} (p99 ${formatDuration(step.p99Us)}, errors ${(step.errorRate * 100).toFixed(2)}%)`;
    parts.push(`<circle class="step ${step.verdict}" cx="${n(s.x(step.targetRatePerSec))}" cy="${n(s.yLatency(step.p99Us))}" r="4" fill="${COLOURS[step.verdict]}"><title>${escapeHtml(tip)}</title></circle>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="p99 and error rate against arrival rate">
${parts.join('\n')}
</svg>`;
}

function series(points: readonly (readonly [number, number])[], colour: string, name: string): string {
  if (points.length === 0) return '';
  const path = points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
  return `<polyline class="${name}" points="${path}" fill="none" stroke="${colour}" stroke-width="1.5"/>`;
}

function axes(s: Scales): string {
  const bottom = PAD.top + PLOT_H;
  const right = PAD.left + PLOT_W;
  const lines = [
    `<rect x="${PAD.left}" y="${PAD.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#999"/>`,
    `<text x="${PAD.left + PLOT_W / 2}" y="${HEIGHT - 8}" text-anchor="middle" font-size="12">arrival rate (calls/s)</text>`,
    `<text x="14" y="${PAD.top + PLOT_H / 2}" transform="rotate(-90 14 ${PAD.top + PLOT_H / 2})" text-anchor="middle" font-size="12" fill="${P99_COLOUR}">p99</text>`,
    `<text x="${WIDTH - 10}" y="${PAD.top + PLOT_H / 2}" transform="rotate(90 ${WIDTH - 10} ${PAD.top + PLOT_H / 2})" text-anchor="middle" font-size="12" fill="${ERROR_COLOUR}">error rate</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const f = i / 4;
    lines.push(`<text x="${n(s.x(f * s.maxRate))}" y="${bottom + 16}" text-anchor="middle" font-size="11">${escapeHtml(formatRate(f * s.maxRate))}</text>`);
    lines.push(`<text x="${PAD.left - 6}" y="${n(s.yLatency(f * s.maxUs) + 4)}" text-anchor="end" font-size="11" fill="${P99_COLOUR}">${escapeHtml(formatDuration(f * s.maxUs))}</text>`);
    lines.push(`<text x="${right + 6}" y="${n(s.yErrors(f * s.maxErrors) + 4)}" font-size="11" fill="${ERROR_COLOUR}">${(f * s.maxErrors * 100).toFixed(1)}%</text>`);
  }
  return lines.join('\n');
}
