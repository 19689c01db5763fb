/**
 * The few markup helpers the HTML report needs. Every piece of text that comes from a run (scenario, operation and
 * workload names, error codes, server stderr, warnings) goes through `esc`: names are user-written and may hold
 * `<`, `&` or quotes, and the report must stay a document, not a script.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for quoted attribute values alike. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** A number for SVG coordinates: one decimal is finer than a pixel and keeps the file small. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A table from already-escaped cells; `numeric` columns are right-aligned. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = [], className = ''): string {
  const cls = (i: number): string => (numeric.includes(i) ? ' class="num"' : '');
  const thead = `<thead><tr>${head.map((h, i) => `<th${cls(i)}>${h}</th>`).join('')}</tr></thead>`;
  const tbody = rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}>${thead}<tbody>\n${tbody}\n</tbody></table>`;
}

/** ✓ or ✗ with a class the stylesheet colours (and a word for screen readers and grey print). */
export function mark(passed: boolean): string {
  return passed ? '<span class="pass" title="passed">✓</span>' : '<span class="fail" title="failed">✗</span>';
}
