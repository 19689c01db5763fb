import type { ShardsView } from '../shards-view.js';
import { SHARD_NUMERIC_COLUMNS } from '../shards-view.js';
import { esc, table } from './markup.js';

/** The shards a merged report came from: one row each (late or saturated ones marked), then what is missing or late. */
export function renderShards(view: ShardsView): string {
  const rows = view.rows.map((row) => row.cells.map((cell, i) => (row.warn && i === 0 ? `<span class="warn">⚠ ${esc(cell)}</span>` : esc(cell))));
  const notes = view.notes.map((note) => `<p class="warn">⚠ ${esc(note)}</p>`).join('');
  return `<section class="shards"><h2>Shards <span class="dim">${esc(view.facts)}</span></h2>${table(view.head.map(esc), rows, SHARD_NUMERIC_COLUMNS, 'shards')}${notes}</section>`;
}
