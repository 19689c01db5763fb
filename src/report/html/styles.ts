/**
 * The report's whole stylesheet, inlined: the file must open offline and from CI artefacts, so no web font, no CDN.
 * System fonts; colours from the Okabe–Ito palette; plots keep their lines and text dark enough to print in grey.
 */
export const STYLES = `
:root { color-scheme: light; --fg: #1b1b1b; --dim: #5f5f5f; --line: #d0d0d0; --bg-alt: #f6f6f4;
  --good: #007a5a; --bad: #c23c00; --warn: #8a6100; --blue: #0072B2; --vermilion: #D55E00; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg);
  margin: 0 auto; padding: 20px 28px 40px; max-width: 1240px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 28px 0 6px; padding-top: 12px; border-top: 2px solid var(--fg); }
h3 { font-size: 15px; margin: 16px 0 6px; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
pre.stderr { background: var(--bg-alt); padding: 6px 10px; border-left: 3px solid var(--bad); white-space: pre-wrap; }
.dim, .note { color: var(--dim); }
.note { font-size: 12.5px; margin: 4px 0; }
.bad, .fail { color: var(--bad); font-weight: 600; }
.pass { color: var(--good); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.variant { display: inline-block; white-space: nowrap; padding: 0 6px; border: 1px solid var(--dim); border-radius: 8px; font-size: 0.85em; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
dl.facts dt { color: var(--dim); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.verdict { font-size: 17px; font-weight: 700; padding: 8px 12px; border-left: 6px solid var(--dim); background: var(--bg-alt); }
.verdict.passed { border-color: var(--good); }
.verdict.failed { border-color: var(--bad); }
.verdict .dim { font-size: 14px; font-weight: 400; }
table { border-collapse: collapse; margin: 6px 0 10px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 9px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { border-bottom: 2px solid var(--fg); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--bg-alt); }
table.comparison tbody tr { background: none; }
table.comparison tr.group td { border-top: 2px solid var(--line); }
.ci { color: var(--dim); font-size: 12px; }
.same { color: var(--dim); font-style: italic; font-size: 12px; }
ul.gate-lines { list-style: none; padding-left: 4px; margin: 6px 0; }
ul.threshold-list, ul.errors, ul.warnings, ul.notes { margin: 4px 0; padding-left: 20px; }
.plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 8px 24px; margin-top: 8px; align-items: start; }
.stack { display: grid; gap: 8px; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: 600; margin: 6px 0 2px; }
svg.plot { width: 100%; height: auto; display: block; font-size: 12px; fill: var(--fg); }
svg.plot .grid line { stroke: #e1e1e1; stroke-width: 1; }
svg.plot .frame { fill: none; stroke: #6b6b6b; stroke-width: 1; }
svg.plot .ticks text { fill: #333; }
svg.plot .title { fill: var(--fg); font-weight: 600; }
svg.plot .series { fill: none; stroke-width: 2.2; stroke-linejoin: round; }
svg.plot .unity { stroke: #333; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg.plot .row-label { fill: var(--fg); }
svg.plot .whisker { fill: none; stroke-width: 1.6; stroke: #777; }
svg.plot .whisker.better { stroke: var(--blue); }
svg.plot .whisker.worse { stroke: var(--vermilion); }
svg.plot .dot { stroke-width: 1.6; }
svg.plot .dot.better { fill: var(--blue); stroke: var(--blue); }
svg.plot .dot.worse { fill: var(--vermilion); stroke: var(--vermilion); }
svg.plot .dot.same { fill: #fff; stroke: #555; }
.key.better { color: var(--blue); } .key.worse { color: var(--vermilion); } .key.same { color: #555; }
ul.legend { list-style: none; padding: 0; margin: 2px 0 0 14%; display: flex; flex-wrap: wrap; gap: 2px 16px; font-size: 12.5px; }
ul.legend li { display: flex; align-items: center; gap: 6px; }
svg.swatch { width: 34px; height: 12px; flex: none; }
details.rounds { margin-top: 14px; }
details.rounds summary { cursor: pointer; color: var(--dim); }
footer { margin-top: 32px; color: var(--dim); font-size: 12px; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-before: auto; break-after: avoid; }
  table, figure, .verdict { break-inside: avoid; }
  tbody tr:nth-child(even) { background: none; }
  details.rounds > *:not(summary) { display: block; }
}
`;
