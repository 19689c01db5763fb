import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

/**
 * What `npm publish` would ship, read from `npm pack --dry-run --json` (no network; `--ignore-scripts` so it packs the
 * dist/ that `npm install` built, without building again). An installed package must run `mcp-bench` and its shipped
 * scenarios, and carry nothing that points outside it or belongs to development.
 */
const ROOT = process.cwd();

function packed(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const json = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [entry] = JSON.parse(json) as { files: { path: string }[] }[];
  return entry!.files.map((file) => file.path);
}

describe('the npm package', { skip: existsSync(path.join(ROOT, 'dist/cli/main.js')) ? false : 'dist/ is not built (npm run build)' }, () => {
  it('ships the CLI, every shipped scenario, the report schema, LICENSE and README', () => {
    const files = new Set(packed());
    for (const file of ['dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts', 'schema/report.schema.json', 'LICENSE', 'README.md', 'package.json']) {
      assert.ok(files.has(file), `${file} is in the package`);
    }
    for (const scenario of readdirSync(path.join(ROOT, 'scenarios')).filter((name) => name.endsWith('.yaml'))) {
      assert.ok(files.has(`scenarios/${scenario}`), `scenarios/${scenario} is in the package (mcp-bench run ${scenario.replace(/\.yaml$/, '')})`);
    }
  });

  it('ships no sources, tests, benches, reports or maps, and nothing in dist/ without a source in src/', () => {
    const files = packed();
    const unwanted = files.filter((file) => /^(src|test|bench|reports|scripts|examples|\.ci)\//.test(file) || file.endsWith('.map') || file.endsWith('.ts') && !file.endsWith('.d.ts'));
    assert.deepEqual(unwanted, []);
    // A file in dist/ whose source is gone (a stale build, a test helper compiled by mistake) is not shipped.
    const orphans = files
      .filter((file) => file.startsWith('dist/') && file.endsWith('.js'))
      .filter((file) => !existsSync(path.join(ROOT, 'src', file.slice('dist/'.length).replace(/\.js$/, '.ts'))));
    assert.deepEqual(orphans, []);
  });
});

describe('the package build settings', () => {
  it('compiles src/ only, with no source maps (they would point to src/, which the package does not ship), under MIT', () => {
    const build = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[]; compilerOptions: Record<string, unknown> };
    assert.deepEqual(build.include, ['src']);
    assert.equal(build.compilerOptions.rootDir, 'src');
    assert.equal(build.compilerOptions.sourceMap, false);
    assert.notEqual(build.compilerOptions.declarationMap, true);
    assert.notEqual(build.compilerOptions.inlineSourceMap, true);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; license: string; files: string[] };
    assert.equal(pkg.bin['mcp-bench'], 'dist/cli/main.js');
    assert.deepEqual([...pkg.files].sort(), ['LICENSE', 'README.md', 'dist', 'scenarios', 'schema']);
    assert.equal(pkg.license, 'MIT');
    assert.match(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) 2026 the mcp-bench authors\n/);
  });
});
