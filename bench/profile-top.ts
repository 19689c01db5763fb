/**
 * The top self-time functions of a V8 CPU profile (`node --cpu-prof …` writes CPU.*.cpuprofile): what the process
 * spent its own time in, by function and source line, as a Markdown table. For the evidence behind a missed target.
 *
 * `--from`/`--to` (seconds since the profile started) keep only a window — the measured phase, without start-up and
 * module loading; `--timeline` prints how busy each half second was, to find that window; `--areas` sums self time by
 * area (each mcp-bench source file, the MCP SDK, zod, Node, native), and `--calls N` adds µs per call.
 *
 *   node --import tsx bench/profile-top.ts <file.cpuprofile> [--top 25] [--from 2.5] [--to 6] [--timeline] [--areas] [--calls N]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/**
 * Self time in µs per function (name, file, line), largest first, with the total sampled, for the samples taken
 * between `fromUs` and `toUs` after the profile started.
 */
export function selfTimes(profile: Profile, fromUs = 0, toUs = Infinity): { totalUs: number; rows: Array<{ name: string; where: string; us: number }> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  let atUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    atUs += delta;
    if (atUs < fromUs || atUs > toUs) return;
    totalUs += delta;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const where = frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}|${where}`;
    const entry = totals.get(key) ?? { name: frame.functionName || '(anonymous)', where, us: 0 };
    entry.us += delta;
    totals.set(key, entry);
  });
  return { totalUs, rows: [...totals.values()].sort((a, b) => b.us - a.us) };
}

/** `file:///work/main/node_modules/@modelcontextprotocol/sdk/dist/esm/shared/protocol.js` → `sdk/…/shared/protocol.js`. */
function shorten(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const sdk = file.indexOf('@modelcontextprotocol/sdk/dist/esm/');
  if (sdk >= 0) return `sdk/${file.slice(sdk + '@modelcontextprotocol/sdk/dist/esm/'.length)}`;
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) return file.slice(modules + 'node_modules/'.length);
  return path.relative(process.cwd(), file) || file;
}

/** Where a function lives, coarsely: mcp-bench's own file, the SDK, zod, another package, Node's internals, or V8. */
function areaOf(row: { name: string; where: string }): string {
  if (row.name.startsWith('(')) return row.name;
  if (row.where.startsWith('src/') || row.where.startsWith('bench/')) return row.where.replace(/:\d+$/, '');
  if (row.where.startsWith('sdk/')) return 'MCP SDK';
  if (row.where.startsWith('zod/')) return 'zod (SDK validation)';
  if (row.where.startsWith('node:')) return 'Node internals (JS)';
  if (row.where === '') return `native: ${row.name}`;
  return row.where.split('/')[0] ?? row.where;
}

/** Busy (not idle) fraction per half second since the profile started. */
function timeline(profile: Profile): string {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const buckets: Array<{ busy: number; all: number }> = [];
  let atUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    atUs += delta;
    const bucket = (buckets[Math.floor(atUs / 500_000)] ??= { busy: 0, all: 0 });
    bucket.all += delta;
    if (!idle.has(id)) bucket.busy += delta;
  });
  return buckets.map((b, i) => `${(i / 2).toFixed(1)}s ${b ? Math.round((b.busy / b.all) * 100) : 0}%`).join(' · ');
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' }, from: { type: 'string', default: '0' }, to: { type: 'string' },
    timeline: { type: 'boolean', default: false }, areas: { type: 'boolean', default: false }, calls: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [--top 25] [--from s] [--to s] [--timeline]');
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
if (values.timeline) process.stdout.write(`busy per half second: ${timeline(profile)}\n\n`);
const { totalUs, rows } = selfTimes(profile, Number(values.from) * 1e6, values.to === undefined ? Infinity : Number(values.to) * 1e6);
const lines = ['| self ms | % | function | where |', '|---:|---:|---|---|'];
for (const row of rows.slice(0, Number(values.top))) {
  lines.push(`| ${(row.us / 1000).toFixed(0)} | ${((row.us / totalUs) * 100).toFixed(1)} | ${row.name} | ${row.where} |`);
}
const busyUs = rows.filter((r) => r.name !== '(idle)').reduce((sum, r) => sum + r.us, 0);
// --calls N: also µs per call (the calls made in the window), to compare contenders that made different numbers of calls.
const calls = values.calls === undefined ? null : Number(values.calls);
if (values.areas) {
  const areas = new Map<string, number>();
  for (const row of rows) areas.set(areaOf(row), (areas.get(areaOf(row)) ?? 0) + row.us);
  const sorted = [...areas.entries()].sort((a, b) => b[1] - a[1]);
  process.stdout.write(`${['| area | self ms | % of busy |' + (calls ? ' µs/call |' : ''), '|---|---:|---:|' + (calls ? '---:|' : '')]
    .concat(sorted.map(([area, us]) => `| ${area} | ${(us / 1000).toFixed(0)} | ${area === '(idle)' ? '—' : ((us / busyUs) * 100).toFixed(1)} |${calls ? ` ${(us / calls).toFixed(2)} |` : ''}`))
    .join('\n')}\n\n`);
}
process.stdout.write(`${path.basename(file)}: ${(totalUs / 1000).toFixed(0)} ms sampled, ${(busyUs / 1000).toFixed(0)} ms busy\n\n${lines.join('\n')}\n`);
