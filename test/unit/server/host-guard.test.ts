import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackHost, rebindingRefusal } from '../../../src/server/host-guard.js';

describe('DNS-rebinding guard of a loopback-bound server', () => {
  it('is on for loopback addresses and localhost only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'example.com', '128.0.0.1']) assert.equal(isLoopbackHost(host), false, host);
  });

  it('serves a local Host, with this port or none, and a local or absent Origin', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', 'LOCALHOST:8080', 'localhost', '127.0.0.1']) {
      assert.equal(rebindingRefusal({ host }, 8080), null, host);
    }
    for (const origin of ['http://localhost:3000', 'https://127.0.0.1', 'http://[::1]:9']) {
      assert.equal(rebindingRefusal({ host: 'localhost:8080', origin }, 8080), null, origin);
    }
  });

  it('refuses a Host that is not local, or on another port, or none, saying which', () => {
    assert.match(rebindingRefusal({ host: 'evil.example.com' }, 8080) ?? '', /^Host "evil\.example\.com" is not a local name/);
    assert.match(rebindingRefusal({ host: 'evil.example.com:8080' }, 8080) ?? '', /evil/);
    assert.match(rebindingRefusal({ host: '127.0.0.1:9999' }, 8080) ?? '', /port 8080/);
    assert.match(rebindingRefusal({ host: '127.0.0.1.evil.com:8080' }, 8080) ?? '', /not a local name/);
    assert.match(rebindingRefusal({}, 8080) ?? '', /^Host "" /);
  });

  it('refuses an Origin that is present and not local', () => {
    for (const origin of ['http://evil.example.com', 'null', 'file://', 'http://localhost.evil.com']) {
      assert.match(rebindingRefusal({ host: 'localhost:8080', origin }, 8080) ?? '', /^Origin .* is not local$/, origin);
    }
  });
});
