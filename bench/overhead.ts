/**
 * The one shape of an "added cost" benchmark (templates, journeys, output-schema validation): a treated contender
 * against its plain twin, measured in alternating rounds; the case holds both and their paired ratio, and the target
 * is the median extra ns (per call or per entry) against a budget.
 */
import { checkTarget, contenderResults, count, type Figures } from './report.js';
import { medianDifference, pairedRatio } from './rounds.js';

export interface OverheadSpec {
  readonly caseName: string;
  readonly benchmark: string;
  /** The contenders' names as measured, and as the figures line calls them. */
  readonly base: { readonly name: string; readonly label: string };
  readonly treated: { readonly name: string; readonly label: string };
  /** The figure compared (`nsPerCall`, `nsPerEntry`) and what one is (`call`, `entry`). */
  readonly figure: string;
  readonly per: string;
  readonly budgetNs: number;
}

export function overheadCase(results: Readonly<Record<string, readonly Figures[]>>, spec: OverheadSpec) {
  const { base, treated, figure } = spec;
  const ratio = pairedRatio(results, treated.name, base.name, figure);
  const difference = medianDifference(results, treated.name, base.name, figure);
  const benchCase = { name: spec.caseName, contenders: contenderResults(results), ratios: [ratio] };
  const median = (name: string) => benchCase.contenders.find((c) => c.name === name)?.median[figure];
  const target = checkTarget({
    benchmark: spec.benchmark,
    figures: `${base.label} ${count(median(base.name))} ns · ${treated.label} ${count(median(treated.name))} ns · +${count(difference)} ns a${spec.per.startsWith('e') ? 'n' : ''} ${spec.per} · ${ratio.median?.toFixed(2) ?? '–'}×`,
    quantity: `extra ns per ${spec.per} / ${spec.budgetNs.toLocaleString('en-US')} ns`,
    measured: difference === null ? null : difference / spec.budgetNs,
    comparator: '<',
    limit: 1,
    unit: '×',
  });
  return { benchCase, target };
}
