import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Golden files: a reporter's whole output for a fixed Summary, checked in under test/golden/ and read as the spec.
 * `UPDATE_GOLDEN=1` rewrites them (then review `git diff test/golden` by eye before committing).
 */
const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'golden');

export function assertGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual, 'utf8');
    return;
  }
  if (!existsSync(file)) assert.fail(`no golden file test/golden/${name}: run with UPDATE_GOLDEN=1 to write it, then check it by eye`);
  const problem = goldenMismatch(name, readFileSync(file, 'utf8'), actual);
  if (problem) assert.fail(problem);
}

/** null when equal; else where the output first differs from the golden file, and how to accept the change. */
export function goldenMismatch(name: string, expected: string, actual: string): string | null {
  if (expected === actual) return null;
  const want = expected.split('\n');
  const got = actual.split('\n');
  let line = 0;
  while (line < want.length && line < got.length && want[line] === got[line]) line++;
  const show = (lines: string[]): string =>
    lines
      .slice(Math.max(0, line - 2), line + 3)
      .map((text, i) => `  ${String(Math.max(0, line - 2) + i + 1).padStart(4)}| ${JSON.stringify(text)}`)
      .join('\n');
  return [
    `output differs from test/golden/${name} at line ${line + 1} (golden has ${want.length} lines, output ${got.length})`,
    'golden:',
    show(want),
    'output:',
    show(got),
    'If the change is intended: UPDATE_GOLDEN=1 node --import tsx --test <this test file>, then review git diff test/golden.',
  ].join('\n');
}
