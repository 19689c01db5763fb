/**
 * Fitting text into a terminal's width, purely: shortening a name where it is least distinctive, and sharing a row's
 * width between a table's columns. Widths count code points (names are mostly ASCII; a wide character counts 1).
 */

/** Where the width of the terminal table comes from: `COLUMNS` wins, then a TTY's width; else no limit (pipes, files). */
export interface WidthSource {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Narrower than this, a table is not squeezed further: it wraps in the terminal instead of losing every name. */
export const MIN_TABLE_WIDTH = 40;

/**
 * The width stdout's table fits in: `COLUMNS` (a whole number ≥ 20) when set, else the terminal's columns when stdout
 * is one, else undefined — no limit, so a report piped to a file or a pager keeps every name whole.
 */
export function outputWidth(stream: WidthSource, env: Readonly<Record<string, string | undefined>>): number | undefined {
  const fromEnv = env.COLUMNS?.trim();
  if (fromEnv && /^\d+$/.test(fromEnv) && Number(fromEnv) >= 20) return Number(fromEnv);
  if (stream.isTTY && stream.columns !== undefined && stream.columns > 0) return stream.columns;
  return undefined;
}

function chars(text: string): string[] {
  return Array.from(text);
}

export function textWidth(text: string): number {
  return chars(text).length;
}

/** `tools/call sea…_results`: the start and the end kept (an operation's kind and its distinctive suffix). */
export function shortenMiddle(text: string, width: number): string {
  const all = chars(text);
  if (all.length <= width) return text;
  if (width <= 1) return '…'.slice(0, Math.max(0, width));
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return `${all.slice(0, head).join('')}…${tail > 0 ? all.slice(-tail).join('') : ''}`;
}

/** `…/servers/my-server.js`: the end kept (a path's or command's distinctive part), cut after a `/` when one is near. */
export function shortenStart(text: string, width: number): string {
  const all = chars(text);
  if (all.length <= width) return text;
  if (width <= 1) return '…'.slice(0, Math.max(0, width));
  const tail = all.slice(-(width - 1)).join('');
  const slash = tail.indexOf('/');
  // Start at a folder boundary when that loses less than a third of the room.
  const cut = slash > 0 && slash < (width - 1) / 3 ? tail.slice(slash) : tail;
  return `…${cut}`;
}

/** `A long description th…`: the start kept. */
export function shortenEnd(text: string, width: number): string {
  const all = chars(text);
  if (all.length <= width) return text;
  if (width <= 1) return '…'.slice(0, Math.max(0, width));
  return `${all.slice(0, width - 1).join('')}…`;
}

/**
 * How wide the one flexible column of a bordered table may be so the whole row fits in `width`: every other column
 * keeps its natural width (numbers are never cut). `natural` holds each column's widest cell, the flexible one
 * included; `overhead` is what the table adds around them (padding, borders, indent). Never below `minimum` (the
 * row then overflows rather than showing nothing); never above the flexible column's natural width.
 */
export function flexibleColumnWidth(natural: readonly number[], flexible: number, overhead: number, width: number, minimum: number): number {
  const own = natural[flexible] ?? 0;
  const others = natural.reduce((sum, w, i) => (i === flexible ? sum : sum + w), 0);
  const room = width - overhead - others;
  return Math.min(own, Math.max(minimum, room));
}
