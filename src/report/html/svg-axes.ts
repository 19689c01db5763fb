import { esc, px } from './markup.js';
import { markerShape, type SeriesStyle } from './palette.js';
import type { Scale, Tick } from './scales.js';

/** A plot's outer size and the margins that hold its tick labels and axis titles (SVG user units). */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** `left` holds a rotated axis title (x ≈ 8–20) and tick labels up to seven characters (`100,000`, `1.05ms`). */
export const PLOT_FRAME: Frame = { width: 560, height: 300, left: 80, right: 18, top: 14, bottom: 46 };
export const SHORT_FRAME: Frame = { ...PLOT_FRAME, height: 220 };

/** The inner box's edges: x from `x0` to `x1`, y from `y0` (top) to `y1` (bottom). */
export function inner(frame: Frame): { x0: number; x1: number; y0: number; y1: number } {
  return { x0: frame.left, x1: frame.width - frame.right, y0: frame.top, y1: frame.height - frame.bottom };
}

export interface AxesSpec {
  readonly frame: Frame;
  readonly x: Scale;
  readonly y: Scale;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  /** Axis titles, with units: "latency (log scale)", "time into the measured phase (s)". */
  readonly xTitle: string;
  readonly yTitle: string;
}

/** Gridlines, the frame, tick labels and axis titles; labels that would overlap their neighbour are left out. */
export function renderAxes(spec: AxesSpec): string {
  const { x0, x1, y0, y1 } = inner(spec.frame);
  const parts: string[] = [`<g class="grid">`];
  for (const t of spec.xTicks) parts.push(`<line x1="${px(spec.x.at(t.value))}" y1="${y0}" x2="${px(spec.x.at(t.value))}" y2="${y1}"/>`);
  for (const t of spec.yTicks) parts.push(`<line x1="${x0}" y1="${px(spec.y.at(t.value))}" x2="${x1}" y2="${px(spec.y.at(t.value))}"/>`);
  parts.push(`</g><rect class="frame" x="${x0}" y="${y0}" width="${px(x1 - x0)}" height="${px(y1 - y0)}"/>`);
  parts.push(`<g class="ticks x" text-anchor="middle">`);
  for (const t of spaced(spec.xTicks, spec.x, 34)) parts.push(`<text x="${px(spec.x.at(t.value))}" y="${y1 + 16}">${esc(t.label)}</text>`);
  parts.push(`</g><g class="ticks y" text-anchor="end">`);
  for (const t of spaced(spec.yTicks, spec.y, 14)) parts.push(`<text x="${x0 - 6}" y="${px(spec.y.at(t.value) + 4)}">${esc(t.label)}</text>`);
  parts.push(`</g>`);
  parts.push(`<text class="title" x="${px((x0 + x1) / 2)}" y="${spec.frame.height - 8}" text-anchor="middle">${esc(spec.xTitle)}</text>`);
  const yMid = px((y0 + y1) / 2);
  if (spec.yTitle) parts.push(`<text class="title" transform="translate(14 ${yMid}) rotate(-90)" text-anchor="middle">${esc(spec.yTitle)}</text>`);
  return parts.join('');
}

/** Ticks whose labels sit at least `gap` units from the last label kept. */
function spaced(ticks: readonly Tick[], scale: Scale, gap: number): Tick[] {
  const kept: Tick[] = [];
  let last = -Infinity;
  for (const t of ticks) {
    const at = scale.at(t.value);
    if (Math.abs(at - last) >= gap) {
      kept.push(t);
      last = at;
    }
  }
  return kept;
}

/** Points in pixels; `null` breaks the line (a gap with nothing measured). */
export type Polyline = readonly (readonly [number, number] | null)[];

/** An SVG path through points already in pixels, a new subpath after each break. */
export function pathOf(points: Polyline): string {
  let move = true;
  let d = '';
  for (const point of points) {
    if (point === null) {
      move = true;
      continue;
    }
    d += `${move ? 'M' : 'L'}${px(point[0])} ${px(point[1])}`;
    move = false;
  }
  return d;
}

/** One series' line, in its colour and dash pattern, with a hover title. */
export function seriesPath(points: Polyline, style: SeriesStyle, title: string): string {
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  return `<path class="series" d="${pathOf(points)}" stroke="${style.color}"${dash}><title>${esc(title)}</title></path>`;
}

/** The whole `<svg>` element, sized by CSS; `label` is what screen readers hear. */
export function svg(frame: Frame, className: string, label: string, body: string, data = ''): string {
  return `<svg class="plot ${className}" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${esc(label)}"${data}>${body}</svg>`;
}

/** The legend beneath a plot, in HTML so long names wrap: each entry a swatch of line, dash and marker. */
export function legend(entries: readonly { readonly name: string; readonly style: SeriesStyle; readonly note?: string }[]): string {
  const items = entries.map(({ name, style, note }) => {
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    const swatch = `<svg class="swatch" viewBox="0 0 34 12" aria-hidden="true"><line x1="1" y1="6" x2="33" y2="6" stroke="${style.color}" stroke-width="2.5"${dash}/>${markerShape(style, 17, 6)}</svg>`;
    return `<li>${swatch}${esc(name)}${note ? ` <span class="dim">${esc(note)}</span>` : ''}</li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}

/** A figure: caption, plot, legend and an optional note. */
export function figure(caption: string, plot: string, after = ''): string {
  return `<figure><figcaption>${esc(caption)}</figcaption>${plot}${after}</figure>`;
}
