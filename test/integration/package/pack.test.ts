/**
 * What `npm publish` would ship, from `npm pack --dry-run --json` (no network, no build: --ignore-scripts). The
 * package holds the built code, the shipped scenarios, the report schema, LICENSE and README, and nothing of the
 * repository's own: no sources, tests, benchmarks, reports, nor source maps pointing at files it does not ship.
 * dist/ is checked when it has been built (npm run build); tsconfig.build.json is checked either way, since it decides.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

async function packedFiles(): Promise<string[]> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { stdout } = await run(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, timeout: 60_000 });
  const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[];
  assert.ok(pack, `npm pack printed no package: ${stdout}`);
  return pack.files.map((file) => file.path);
}

describe('the published package', () => {
  it('ships the scenarios, the schema, LICENSE and README, and none of the repository\'s own files', async () => {
    const files = await packedFiles();
    for (const wanted of ['package.json', 'LICENSE', 'README.md', 'schema/report.schema.json', 'scenarios/quickstart.yaml', 'scenarios/any-server.yaml']) {
      assert.ok(files.includes(wanted), `${wanted} is not in the package: ${files.join(', ')}`);
    }
    const scenarios = files.filter((file) => file.startsWith('scenarios/') && file.endsWith('.yaml'));
    assert.ok(scenarios.length >= 10, scenarios.join(', '));
    const unwanted = files.filter((file) => /^(test|src|bench|reports|scripts|node_modules)\//.test(file) || file.endsWith('.map') || /\.ts$/.test(file) && !file.endsWith('.d.ts'));
    assert.deepEqual(unwanted, []);
    if (existsSync(path.join(ROOT, 'dist'))) {
      assert.ok(files.includes('dist/cli/main.js'), 'dist/cli/main.js (the bin) is not in the package');
      assert.ok(files.includes('dist/index.js') && files.includes('dist/index.d.ts'), 'the library entry is not in the package');
      const main = readFileSync(path.join(ROOT, 'dist/cli/main.js'), 'utf8');
      assert.ok(main.startsWith('#!/usr/bin/env node'), 'the bin has no shebang');
      assert.ok(!main.includes('sourceMappingURL'), 'the bin points at a source map that is not shipped');
    }
  });

  it('builds from src only, with no source maps to sources the package does not ship', () => {
    const build = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[]; compilerOptions: Record<string, unknown> };
    assert.deepEqual(build.include, ['src']);
    assert.equal(build.compilerOptions.rootDir, 'src');
    assert.equal(build.compilerOptions.sourceMap, false);
    assert.notEqual(build.compilerOptions.declarationMap, true);
    assert.notEqual(build.compilerOptions.inlineSourceMap, true);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; main: string; license: string };
    assert.equal(pkg.bin['mcp-bench'], 'dist/cli/main.js');
    assert.ok(existsSync(path.join(ROOT, 'src/cli/main.ts')), 'the bin is built from src/cli/main.ts');
    assert.equal(pkg.license, 'MIT');
    assert.match(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) 2026 the mcp-bench authors\n/);
  });
});
