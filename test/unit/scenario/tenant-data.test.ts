import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { preloadDataFiles, resolveScenario, type ResolveResult } from '../../../src/scenario/index.js';

let dir = '';

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcp-bench-tenant-data-'));
  await mkdir(path.join(dir, 'data'));
  await writeFile(path.join(dir, 'data', 'items.csv'), 'id,name\n1,one\n2,two\n');
  await writeFile(path.join(dir, 'data', 'acme.csv'), 'id,region\n10,eu\n11,us\n12,eu\n');
  await writeFile(path.join(dir, 'data', 'broken.csv'), 'id,name\n1\n');
});

function scenario(args: Record<string, unknown>, tenants: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 's',
    target: { builtin: {} },
    tenants,
    workloads: [{ name: 'w', type: 'sequential', iterations: 10, operations: [{ tool: 'lookup', args }] }],
    ...extra,
  };
}

async function resolved(raw: Record<string, unknown>): Promise<ResolveResult> {
  return resolveScenario(raw, { file: null, env: {}, baseDir: dir, data: await preloadDataFiles(raw, dir) });
}

const issuesOf = (result: ResolveResult) => (result.ok ? [] : result.issues);

describe("a tenant's data file", () => {
  it('resolves into the tenant with the workload seed; the plan as a report shows it names the file, never its rows', async () => {
    const raw = scenario({ id: '{{row.id}}' }, [{ name: 'acme', data: { file: 'data/acme.csv', order: 'once' } }, { name: 'globex' }], { data: { file: 'data/items.csv' } });
    const result = await resolved(raw);
    assert.ok(result.ok, JSON.stringify(issuesOf(result)));
    const [acme, globex] = result.plan.workloads[0]!.tenants!;
    assert.deepEqual([acme!.data?.file, acme!.data?.order, acme!.data?.rows.length, acme!.data?.seed], ['data/acme.csv', 'once', 3, result.plan.workloads[0]!.seed]);
    assert.equal(globex!.data, undefined);
    const shown = JSON.stringify(result.plan.resolvedRedacted);
    assert.match(shown, /"file":"data\/acme\.csv"/);
    assert.doesNotMatch(shown, /"region"|"eu"/, 'no row of the file');
  });

  it('a file that cannot be read is a problem at its tenant, top level or on a workload', async () => {
    const top = issuesOf(await resolved(scenario({ id: 1 }, [{ name: 'acme', data: { file: 'data/broken.csv' } }])));
    assert.deepEqual(top.map((issue) => issue.path), ['tenants[0].data.file']);
    assert.match(top[0]!.message, /data\/broken\.csv, line 2: has 1 fields where the header has 2/);
    const raw = scenario({ id: 1 }, [{ name: 'acme' }]);
    (raw.workloads as Record<string, unknown>[])[0]!.tenants = [{ name: 'solo', data: { file: 'data/missing.csv' } }];
    const own = issuesOf(await resolved(raw));
    assert.deepEqual(own.map((issue) => [issue.path, issue.message]), [['workloads[0].tenants[0].data.file', 'data/missing.csv: data file not found']]);
  });

  it('{{row.x}} must be a column of every tenant\'s file (or the workload\'s, for a tenant without one)', async () => {
    const tenants = [{ name: 'acme', data: { file: 'data/acme.csv' } }, { name: 'globex' }];
    const withOwn = { data: { file: 'data/items.csv' } };
    assert.ok((await resolved(scenario({ id: '{{row.id}}' }, tenants, withOwn))).ok, 'id: both files have it');
    const name = issuesOf(await resolved(scenario({ id: '{{row.name}}' }, tenants, withOwn)));
    assert.equal(name.length, 1);
    assert.match(name[0]!.message, /the data file has no column "name"/, 'acme.csv lacks it');
    assert.equal(name[0]!.path, 'workloads[0].operations[0].args.id');
    const noRow = issuesOf(await resolved(scenario({ id: '{{row.id}}' }, tenants)));
    assert.match(noRow[0]!.message, /reads no data file/, "globex's calls would get no row");
  });
});
