import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_MASKED_LENGTH, scenarioSecrets, Secrets } from '../../../src/input/secrets.js';

describe('Secrets', () => {
  it('masks every occurrence, and the JSON-escaped and percent-encoded forms', () => {
    const secrets = new Secrets();
    secrets.add('pa"ss/wörd');
    assert.equal(secrets.mask('a pa"ss/wörd b pa"ss/wörd'), 'a [redacted] b [redacted]');
    assert.equal(secrets.mask(JSON.stringify({ v: 'pa"ss/wörd' })), '{"v":"[redacted]"}');
    assert.equal(secrets.mask(`u=${encodeURIComponent('pa"ss/wörd')}`), 'u=[redacted]');
  });

  it(`leaves values shorter than ${MIN_MASKED_LENGTH} characters alone (they would garble words and figures)`, () => {
    const secrets = new Secrets();
    secrets.addAll(['1', 'true', '8080', 'debug']);
    assert.equal(secrets.size, 0);
    assert.equal(secrets.mask('port 8080, debug true, 1 call'), 'port 8080, debug true, 1 call');
  });

  it('masks a secret that holds another whole (longest first)', () => {
    const secrets = new Secrets();
    secrets.addAll(['abcdef', 'abcdefghij']);
    assert.equal(secrets.mask('xabcdefghijx abcdef'), 'x[redacted]x [redacted]');
  });

  it('maskDeep copies plain data, masks every string but those under kept keys, and leaves numbers as they are', () => {
    const secrets = new Secrets();
    secrets.add('s3cr3t-value');
    const data = { n: 12, list: ['s3cr3t-value', 3], nested: { message: 'x s3cr3t-value' }, histogram: 's3cr3t-value' };
    const masked = secrets.maskDeep(data, (key) => key === 'histogram');
    assert.deepEqual(masked, { n: 12, list: ['[redacted]', 3], nested: { message: 'x [redacted]' }, histogram: 's3cr3t-value' });
    assert.equal(data.list[0], 's3cr3t-value', 'the input is not changed');
  });
});

describe('scenarioSecrets', () => {
  it('finds env values of references, secret places, URL credentials, secret query values and secret flags', () => {
    const written = {
      target: {
        stdio: {
          command: '${CMD}',
          args: ['--token=literal-flag-token', '--api-key', 'next-arg-key', '--verbose', 'not-secret-arg'],
          env: { A: 'literal-env-value' },
        },
      },
      workloads: [{ operations: [{ tool: 'x', args: { password: 'literal-password', q: 'see ${Q}' } }] }],
      client: { endpoints: [{ http: { url: 'http://bob:url-password@h/mcp?trace=1&access_token=query-token', headers: { Authorization: 'Bearer literal-bearer' } } }] },
    };
    const env = { CMD: '/opt/env-command', Q: 'env-query-value', UNUSED: 'never-referenced' };
    const interpolated = JSON.parse(JSON.stringify(written).replace('${CMD}', env.CMD).replace('${Q}', env.Q)) as unknown;
    const found = scenarioSecrets(written, interpolated, env);
    for (const secret of ['/opt/env-command', 'env-query-value', 'literal-flag-token', 'next-arg-key', 'literal-env-value', 'literal-password', 'url-password', 'bob:url-password', 'query-token', 'Bearer literal-bearer', 'literal-bearer']) {
      assert.ok(found.includes(secret), `${secret} not found in ${JSON.stringify(found)}`);
    }
    for (const shown of ['never-referenced', 'not-secret-arg', 'x', '--verbose']) assert.ok(!found.includes(shown), `${shown} found`);
  });

  it('walks 10,000 levels of nesting and a YAML alias cycle without overflowing', () => {
    let deep: unknown = { headers: { X: 'deep-secret' } };
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const cycle: Record<string, unknown> = { target: { http: { headers: { K: 'cycle-secret' } } } };
    cycle['self'] = cycle;
    assert.deepEqual(scenarioSecrets(deep, deep, {}), []);
    assert.deepEqual(scenarioSecrets(cycle, cycle, {}), ['cycle-secret']);
  });
});
