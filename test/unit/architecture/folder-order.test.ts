import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FOLDER_ORDER, ROOT_FILES, backEdges, importEdges } from './folder-order.js';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

describe('src/ folders import one way (ARCHITECTURE.md)', () => {
  it('no folder imports a folder that comes after it, types included', () => {
    const problems = backEdges(importEdges(SRC));
    assert.deepEqual(problems, [], `imports against the folder order:\n${problems.join('\n')}`);
  });

  it('every folder under src/ has its place in the order, and every place is a folder', () => {
    const entries = readdirSync(SRC);
    const folders = entries.filter((name) => statSync(path.join(SRC, name)).isDirectory()).sort();
    assert.deepEqual(folders, [...FOLDER_ORDER].sort());
    const rootFiles = entries.filter((name) => name.endsWith('.ts')).sort();
    assert.deepEqual(rootFiles, Object.keys(ROOT_FILES).sort());
  });

  it('the check sees real edges: the pipeline folders are connected as the order says', () => {
    const edges = importEdges(SRC).map((e) => `${e.from.split(path.sep)[0]}→${e.to.split(path.sep)[0]}`);
    for (const expected of ['cli→pipeline', 'cli→runner', 'runner→workloads', 'workloads→client', 'scenario→workloads', 'summary→runner', 'gate→summary', 'report→summary']) {
      assert.ok(edges.includes(expected), `expected an import ${expected}`);
    }
  });
});

describe('backEdges', () => {
  /** A throwaway src/ tree: each entry is a file and its content. */
  const tree = (files: Readonly<Record<string, string>>): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mcp-bench-arch-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };

  it('reports an import from an earlier folder into a later one, with file and line', () => {
    const dir = tree({
      'client/a.ts': "import { x } from '../time/clock.js';\n\nimport type { Plan } from '../scenario/plan.js';\n",
      'time/clock.ts': 'export const x = 1;\n',
      'scenario/plan.ts': 'export type Plan = {};\n',
    });
    try {
      assert.deepEqual(backEdges(importEdges(dir)), [
        `${path.join('client', 'a.ts')}:3 → ${path.join('scenario', 'plan.ts')} (type): client comes before scenario, so it may not import it`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts re-exports and dynamic imports, and a folder the order does not name', () => {
    const dir = tree({
      'time/a.ts': "export { y } from '../cli/b.js';\nconst m = await import('../report/c.js');\n",
      'cli/b.ts': 'export const y = 1;\n',
      'report/c.ts': 'export {};\n',
      'extras/d.ts': "import '../time/a.js';\n",
    });
    try {
      const problems = backEdges(importEdges(dir));
      assert.equal(problems.length, 3, problems.join('\n'));
      assert.match(problems.join('\n'), /folder extras has no place in FOLDER_ORDER/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets every folder import the bottom root file, and only the top root file import everything', () => {
    const dir = tree({
      'time/a.ts': "import { VERSION } from '../version.js';\n",
      'version.ts': "export const VERSION = '1';\n",
      'index.ts': "export * from './cli/b.js';\n",
      'cli/b.ts': "import { VERSION } from '../version.js';\nimport { z } from '../index.js';\n",
    });
    try {
      assert.deepEqual(backEdges(importEdges(dir)), [`${path.join('cli', 'b.ts')}:2 → index.ts: cli comes before index.ts, so it may not import it`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
