import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flagSecrets, splitCommandLine, targetFromFlags } from '../../../src/cli/target-flags.js';
import { resolveScenario } from '../../../src/scenario/resolve.js';
import { minimalScenario } from '../scenario/helpers.js';

describe('target flags', () => {
  it('splits a command line with quotes and escapes, without expansion', () => {
    assert.deepEqual(splitCommandLine(`node "my server.js" --name 'a b' x\\ y $HOME ""`), ['node', 'my server.js', '--name', 'a b', 'x y', '$HOME', '']);
    assert.deepEqual(splitCommandLine('   '), []);
    assert.deepEqual(splitCommandLine(String.raw`node -e "a\nb \"q\" \\ \$x"`), ['node', '-e', String.raw`a\nb "q" \ $x`]);
  });

  it('builds stdio and http targets, as a scenario writes them', () => {
    assert.deepEqual(targetFromFlags({ stdio: 'npx -y server' }, '/work'), {
      ok: true,
      target: { stdio: { command: 'npx', args: ['-y', 'server'], env: {}, cwd: '/work' } },
    });
    assert.deepEqual(targetFromFlags({ http: 'http://127.0.0.1:3000/mcp', header: ['Authorization: Bearer x:y'] }, '/'), {
      ok: true,
      target: { http: { url: 'http://127.0.0.1:3000/mcp', headers: { Authorization: 'Bearer x:y' } } },
    });
    assert.deepEqual(targetFromFlags({}, '/'), { ok: true, target: null });
    assert.deepEqual(targetFromFlags({ stdio: 'srv', env: ['PORT=3000', 'EMPTY=', 'EQ=a=b'] }, '/w'), {
      ok: true,
      target: { stdio: { command: 'srv', args: [], env: { PORT: '3000', EMPTY: '', EQ: 'a=b' }, cwd: '/w' } },
    });
  });

  it('explains bad combinations and values', () => {
    const error = (flags: Parameters<typeof targetFromFlags>[0]): string => {
      const result = targetFromFlags(flags, '/');
      assert.equal(result.ok, false);
      return result.ok ? '' : result.error;
    };
    assert.match(error({ stdio: 'a', http: 'http://x' }), /one target, not --stdio and --http/);
    assert.match(error({ http: 'ftp://x' }), /--http expects an http\(s\) URL/);
    assert.match(error({ http: 'http://x', header: ['no-colon'] }), /Name: value/);
    assert.match(error({ header: ['A: b'] }), /--header needs --http or --sse/);
    assert.match(error({ stdio: '' }), /--stdio needs a command/);
    assert.match(error({ stdio: 'x', env: ['1BAD=x'] }), /--env expects NAME=value/);
    assert.match(error({ http: 'http://x', env: ['A=b'] }), /--env applies to --stdio/);
    assert.match(error({ env: ['A=b'] }), /--env needs --stdio/);
  });

  it('refuses header names that are not HTTP tokens and values with line breaks, never quoting a value', () => {
    const error = (header: string[]): string => {
      const result = targetFromFlags({ http: 'http://127.0.0.1:1/mcp', header }, '/');
      assert.equal(result.ok, false, header.join());
      return result.ok ? '' : result.error;
    };
    assert.equal(
      error(['Bad Name: x']),
      '--header "Bad Name": not a valid HTTP header name: letters, digits and ! # $ % & \' * + - . ^ _ ` | ~ only, no spaces or colons (e.g. "Bad-Name")',
    );
    assert.equal(error(['X-Key: sk-123\r\nX-Injected: yes']), '--header X-Key: a header value cannot contain a line break or NUL character');
    assert.equal(error(['X-Key: a\u0000b']), '--header X-Key: a header value cannot contain a line break or NUL character');
    assert.match(error(['X-Key: a\u0007b']), /control characters/);
    assert.equal(error(['Authorization Bearer sk-123']), '--header expects "Name: value"; the 1st --header has no ":" (its text is not shown: it may be a secret)');
    assert.equal(error(['A: b', 'sk-whole-value']), '--header expects "Name: value"; the 2nd --header has no ":" (its text is not shown: it may be a secret)');
    assert.equal(error([':sk-123']), '--header expects "Name: value"; the 1st --header has no name before its ":"');
    assert.deepEqual(targetFromFlags({ http: 'http://x', header: ["X-Odd!#$%&'*+.^_`|~: café\tok"] }, '/'), {
      ok: true,
      target: { http: { url: 'http://x', headers: { "X-Odd!#$%&'*+.^_`|~": 'café\tok' } } },
    });
  });

  it('never quotes a malformed --env, which may be all value', () => {
    const result = targetFromFlags({ stdio: 'node s.js', env: ['A=b', 'C=d', 'sk-whole-value'] }, '/');
    assert.deepEqual(result, { ok: false, error: '--env expects NAME=value; the 3rd --env has no "=" (its text is not shown: it may be a secret)' });
  });

  it('flagSecrets: every -H and -e value, a malformed one whole, and URL credentials', () => {
    const found = flagSecrets({ http: 'http//user:url-pass@h/mcp?token=query-secret', header: ['X-Key: header-value', 'no-colon-value'], env: ['A=env-value', 'no-equals-value'] });
    for (const secret of ['header-value', 'no-colon-value', 'env-value', 'no-equals-value', 'url-pass', 'query-secret']) {
      assert.ok(found.includes(secret), `${secret} not in ${JSON.stringify(found)}`);
    }
  });

  it('never echoes the credentials of a URL it refuses', () => {
    const result = targetFromFlags({ sse: 'htps://user:hunter22@127.0.0.1:1/sse?token=t0k' }, '/');
    assert.deepEqual(result, {
      ok: false,
      error: '--sse expects an http(s) URL like http://127.0.0.1:3000/mcp; got "htps://[redacted]@127.0.0.1:1/sse?token=[redacted]"',
    });
  });

  it('never lets a header value or URL password into the report copy', () => {
    const flags = { http: 'http://user:hunter2@127.0.0.1:1/mcp?api_key=k3y', header: ['Authorization: Bearer s3cret'] };
    const given = targetFromFlags(flags, '/');
    assert.ok(given.ok && given.target);
    const overrides = { target: { written: given.target, givenBy: '--http' } };
    const replaced = resolveScenario(minimalScenario(), { file: null, env: {}, baseDir: '/', overrides });
    assert.ok(replaced.ok, JSON.stringify(!replaced.ok && replaced.issues));
    const shown = JSON.stringify([replaced.plan.redacted, replaced.plan.resolvedRedacted, replaced.plan.targetLabel]);
    assert.doesNotMatch(shown, /s3cret|hunter2|k3y/);
    assert.match(shown, /Authorization/);
  });
});
