/**
 * Series styles for the plots: the Okabe–Ito colours (told apart with the common colour-vision deficiencies), each
 * paired with its own dash pattern and marker so lines stay distinct printed in grey. Yellow is left out: it
 * vanishes on white paper.
 */
export interface SeriesStyle {
  readonly color: string;
  /** SVG stroke-dasharray ('' for solid). */
  readonly dash: string;
  readonly marker: 'circle' | 'square' | 'triangle' | 'diamond';
}

const STYLES: readonly SeriesStyle[] = [
  { color: '#0072B2', dash: '', marker: 'circle' },
  { color: '#D55E00', dash: '7 3', marker: 'square' },
  { color: '#009E73', dash: '2 3', marker: 'triangle' },
  { color: '#CC79A7', dash: '9 3 2 3', marker: 'diamond' },
  { color: '#56B4E9', dash: '4 2', marker: 'circle' },
  { color: '#E69F00', dash: '1 2', marker: 'square' },
  { color: '#000000', dash: '12 4', marker: 'triangle' },
];

/**
 * The style of the i-th series. Past seven the colours come round again, each time with the next dash pattern and
 * marker, so no two of the first 49 series look the same (a mix of eight operations is common).
 */
export function seriesStyle(index: number): SeriesStyle {
  const n = STYLES.length;
  const round = Math.floor(index / n);
  const colour = STYLES[index % n] ?? STYLES[0]!;
  const shape = STYLES[(index + round) % n] ?? STYLES[0]!;
  return { color: colour.color, dash: shape.dash, marker: shape.marker };
}

/**
 * A marker centred at (x, y), in the series' colour. `title` (already escaped) becomes its hover text; every shape
 * is a path so the title nests the same way.
 */
export function markerShape(style: SeriesStyle, x: number, y: number, title = '', size = 3.5): string {
  const p = (v: number): string => String(Math.round(v * 10) / 10);
  const tip = title ? `<title>${title}</title>` : '';
  return `<path d="${shapePath(style.marker, x, y, size, p)}" fill="${style.color}">${tip}</path>`;
}

function shapePath(marker: SeriesStyle['marker'], x: number, y: number, s: number, p: (v: number) => string): string {
  switch (marker) {
    case 'circle':
      return `M${p(x - s)} ${p(y)}a${p(s)} ${p(s)} 0 1 0 ${p(2 * s)} 0a${p(s)} ${p(s)} 0 1 0 ${p(-2 * s)} 0Z`;
    case 'square':
      return `M${p(x - s)} ${p(y - s)}h${p(2 * s)}v${p(2 * s)}h${p(-2 * s)}Z`;
    case 'triangle':
      return `M${p(x)} ${p(y - s * 1.2)}L${p(x + s * 1.1)} ${p(y + s * 0.9)}H${p(x - s * 1.1)}Z`;
    case 'diamond':
      return `M${p(x)} ${p(y - s * 1.3)}L${p(x + s * 1.1)} ${p(y)}L${p(x)} ${p(y + s * 1.3)}L${p(x - s * 1.1)} ${p(y)}Z`;
  }
}
