/**
 * The top self-time functions of a V8 CPU profile (`node --cpu-prof …` writes CPU.*.cpuprofile): what the process
 * spent its own time in, by function and source line, as a Markdown table. For the evidence behind a missed target.
 *
 *   node --import tsx bench/profile-top.ts <file.cpuprofile> [--top 25]
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

/** Self time in µs per function (name, file, line), largest first, with the profile's total. */
export function selfTimes(profile: Profile): { totalUs: number; rows: Array<{ name: string; where: string; us: number }> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
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

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const file = positionals[0];
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [--top 25]');
const { totalUs, rows } = selfTimes(JSON.parse(await readFile(file, 'utf8')) as Profile);
const lines = ['| self ms | % | function | where |', '|---:|---:|---|---|'];
for (const row of rows.slice(0, Number(values.top))) {
  lines.push(`| ${(row.us / 1000).toFixed(0)} | ${((row.us / totalUs) * 100).toFixed(1)} | ${row.name} | ${row.where} |`);
}
process.stdout.write(`${path.basename(file)}: ${(totalUs / 1000).toFixed(0)} ms sampled\n\n${lines.join('\n')}\n`);
