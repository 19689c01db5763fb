/**
 * The folder order of src/ (ARCHITECTURE.md): a folder may import only from folders before it. Value and type
 * imports alike count, so a type never drags a later stage's file into an earlier one. Root files: version.ts imports
 * nothing and anyone may import it; index.ts (the package's entry) may import anything.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const FOLDER_ORDER = [
  'time',
  'random',
  'input',
  'stats',
  'thresholds',
  'schedule',
  'server',
  'client',
  'metrics',
  'operations',
  'traffic',
  'workloads',
  'engines',
  'scenario',
  'runner',
  'harness',
  'summary',
  'compare',
  'shards',
  'gate',
  'report',
  'pipeline',
  'workers',
  'explore',
  'capacity',
  'cli',
] as const;

/** Root files, and where they stand: `bottom` may be imported by every folder, `top` may import every folder. */
export const ROOT_FILES: Readonly<Record<string, 'bottom' | 'top'>> = { 'version.ts': 'bottom', 'index.ts': 'top' };

export interface ImportEdge {
  /** Paths relative to src/. */
  readonly from: string;
  readonly to: string;
  readonly line: number;
  readonly typeOnly: boolean;
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm;
const DYNAMIC = /import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Every relative import (static, re-export or dynamic) of every .ts file under `srcDir`. */
export function importEdges(srcDir: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of tsFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
    const add = (spec: string, index: number, typeOnly: boolean): void => {
      const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
      edges.push({ from: path.relative(srcDir, file), to: path.relative(srcDir, target), line: lineOf(index), typeOnly });
    };
    // The pattern may start on blank lines before the statement: its line is that of its first word.
    for (const match of text.matchAll(IMPORT)) add(match[2]!, match.index + match[0].search(/\S/), match[1] !== undefined);
    for (const match of text.matchAll(DYNAMIC)) add(match[1]!, match.index, false);
  }
  return edges;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** The folder a src-relative path is in, or the root file's name. */
export function folderOf(relative: string): string {
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0]! : parts[0]!;
}

/**
 * Where a folder (or root file) stands: its index in FOLDER_ORDER; the root's bottom file below all, its top file
 * above all; undefined for a folder the order does not name (itself a failure: every folder must be placed).
 */
export function rankOf(folder: string): number | undefined {
  const root = ROOT_FILES[folder];
  if (root === 'bottom') return -1;
  if (root === 'top') return FOLDER_ORDER.length;
  const index = (FOLDER_ORDER as readonly string[]).indexOf(folder);
  return index === -1 ? undefined : index;
}

/** Edges that point from a folder to a later one (or into/out of an unplaced folder), in a readable form. */
export function backEdges(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    if (from === to) continue;
    const fromRank = rankOf(from);
    const toRank = rankOf(to);
    if (fromRank === undefined || toRank === undefined) {
      problems.push(`${edge.from}:${edge.line} → ${edge.to}: folder ${fromRank === undefined ? from : to} has no place in FOLDER_ORDER`);
    } else if (toRank > fromRank) {
      problems.push(`${edge.from}:${edge.line} → ${edge.to}${edge.typeOnly ? ' (type)' : ''}: ${from} comes before ${to}, so it may not import it`);
    }
  }
  return problems;
}
