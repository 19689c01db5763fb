import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { classifyError, isFatal } from '../../../src/client/classify.js';
import { errorKey } from '../../../src/client/outcome.js';
import { BadResponseError, HttpStatusError } from '../../../src/client/transports/http-errors.js';
import { failureResponse, TRANSPORT_FAILURE_CODE } from '../../../src/client/transports/transport-failure.js';

const key = (error: unknown, lost = false): string => errorKey(classifyError(error, lost));

describe('classifyError', () => {
  it('buckets by type and code, never by message', () => {
    assert.equal(key(new McpError(ErrorCode.RequestTimeout, 'anything')), 'timeout');
    assert.equal(key(new McpError(ErrorCode.MethodNotFound, 'timeout')), 'rpc-error:-32601');
    assert.equal(key(new McpError(-32000, 'server says so')), 'rpc-error:-32000');
    assert.equal(key(new HttpStatusError(503, 2, 'busy')), 'transport:http-503');
    assert.equal(key(new HttpStatusError(0, null, 'closed')), 'transport:closed');
    assert.equal(key(new BadResponseError('garbage')), 'transport:bad-response');
    assert.equal(key(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), 'transport:ECONNREFUSED');
    assert.equal(key(new Error('ECONNREFUSED in the message only')), 'transport:unknown');
    assert.equal(key('a string'), 'transport:unknown');
  });

  it('a lost connection wins over whatever the SDK threw', () => {
    assert.equal(key(new McpError(ErrorCode.ConnectionClosed, 'Connection closed'), true), 'transport:closed');
    assert.equal(key(new Error('Not connected'), true), 'transport:closed');
  });

  it("a connection lost with the transport's own cause carries that code (a server killed at its limits)", () => {
    assert.equal(errorKey(classifyError(new McpError(ErrorCode.ConnectionClosed, 'Connection closed'), 'memory-limit')), 'transport:memory-limit');
    assert.equal(errorKey(classifyError(new Error('Not connected'), 'cpu-limit')), 'transport:cpu-limit');
    assert.equal(isFatal({ kind: 'transport', code: 'memory-limit' }), true, 'the server is gone, as with closed');
    assert.equal(isFatal({ kind: 'transport', code: 'cpu-limit' }), true);
  });

  it('only connection-ending transport codes are fatal', () => {
    assert.equal(isFatal({ kind: 'transport', code: 'closed' }), true);
    assert.equal(isFatal({ kind: 'transport', code: 'ECONNREFUSED' }), true);
    assert.equal(isFatal({ kind: 'transport', code: 'http-503' }), false);
    assert.equal(isFatal({ kind: 'timeout' }), false);
    assert.equal(isFatal({ kind: 'rpc-error', code: -32000 }), false);
  });
});

describe('timeouts and invalid results', () => {
  it('-32001 is a timeout only when the call\'s own deadline has passed; otherwise the server sent it', () => {
    assert.equal(key(new McpError(ErrorCode.RequestTimeout, 'x')), 'timeout');
    assert.equal(errorKey(classifyError(new McpError(ErrorCode.RequestTimeout, 'x'), false, false)), 'rpc-error:-32001');
  });

  it('a result of the wrong shape (the SDK\'s schema check) is transport:invalid-result', () => {
    const zodLike = Object.assign(new Error('bad'), { name: 'ZodError', issues: [] });
    assert.equal(key(zodLike), 'transport:invalid-result');
  });
});

describe('failures our transports deliver as synthesized error responses', () => {
  it('are classified by the typed failure they carry; a server sending the same code is an rpc-error', () => {
    const failure = new HttpStatusError(503, 1, 'busy');
    const response = failureResponse(7, failure);
    const rejected = new McpError(response.error.code, response.error.message, response.error.data);
    assert.deepEqual(classifyError(rejected, false), { kind: 'transport', code: 'http-503', retryAfterUs: 1_000_000 });
    assert.equal(key(new McpError(TRANSPORT_FAILURE_CODE, 'a server of ours?', { status: 503 })), `rpc-error:${TRANSPORT_FAILURE_CODE}`);
  });
});
