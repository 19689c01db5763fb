import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorKey } from '../../../src/client/outcome.js';
import { classifyResponse } from '../../../src/engines/response.js';

const SSE = 'text/event-stream';
const JSON_TYPE = 'application/json';
const sse = (...events: string[]): string => events.map((data) => `event: message\ndata: ${data}\n\n`).join('');
const ok = (id: number, result: unknown = { content: [] }): string => JSON.stringify({ jsonrpc: '2.0', id, result });
const rpcError = (id: number, code: unknown): string => JSON.stringify({ jsonrpc: '2.0', id, error: { code, message: 'no' } });

/** status, content type, body, request id → the key the outcome is counted under. */
const cases: ReadonlyArray<readonly [string, number, string | undefined, string, string]> = [
  ['SSE result', 200, SSE, sse(ok(7)), 'ok'],
  ['JSON result', 200, JSON_TYPE, ok(7), 'ok'],
  ['JSON with charset, upper-case type', 200, 'Application/JSON; charset=utf-8', ok(7), 'ok'],
  ['tool error in SSE', 200, SSE, sse(ok(7, { content: [], isError: true })), 'tool-error'],
  ['tool error in JSON', 200, JSON_TYPE, ok(7, { content: [], isError: true }), 'tool-error'],
  ['isError not exactly true is a result', 200, JSON_TYPE, ok(7, { content: [], isError: 'yes' }), 'ok'],
  ['JSON-RPC error inside HTTP 200 (SSE)', 200, SSE, sse(rpcError(7, -32603)), 'rpc-error:-32603'],
  ['JSON-RPC error inside HTTP 200 (JSON)', 200, JSON_TYPE, rpcError(7, -32602), 'rpc-error:-32602'],
  ['error without a numeric code', 200, JSON_TYPE, rpcError(7, 'bad'), 'transport:bad-response'],
  ['HTTP 404 with a JSON-RPC body', 404, JSON_TYPE, rpcError(7, -32001), 'transport:http-404'],
  ['HTTP 429', 429, 'text/plain', 'slow down', 'transport:http-429'],
  ['HTTP 503 without a content type', 503, undefined, '', 'transport:http-503'],
  ['202 to a request carries no response', 202, undefined, '', 'transport:bad-response'],
  ['another id', 200, JSON_TYPE, ok(8), 'transport:bad-response'],
  ['our id echoed as a string still answers (the SDK matches Number(id))', 200, JSON_TYPE, JSON.stringify({ jsonrpc: '2.0', id: '7', result: {} }), 'ok'],
  ['neither result nor error', 200, JSON_TYPE, JSON.stringify({ jsonrpc: '2.0', id: 7 }), 'transport:bad-response'],
  ['result that is not an object', 200, JSON_TYPE, JSON.stringify({ jsonrpc: '2.0', id: 7, result: 'x' }), 'transport:bad-response'],
  ['extra members (the SDK schemas are strict)', 200, JSON_TYPE, JSON.stringify({ jsonrpc: '2.0', id: 7, result: {}, extra: 1 }), 'transport:bad-response'],
  ['wrong jsonrpc version', 200, JSON_TYPE, JSON.stringify({ jsonrpc: '1.0', id: 7, result: {} }), 'transport:bad-response'],
  ['error without a message', 200, JSON_TYPE, JSON.stringify({ jsonrpc: '2.0', id: 7, error: { code: -1 } }), 'transport:bad-response'],
  ['a batch item that is not a message', 200, JSON_TYPE, `[1,${ok(7)}]`, 'transport:bad-response'],
  ['a request with our id is not a response', 200, JSON_TYPE, JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'x', result: {} }), 'transport:bad-response'],
  ['not JSON', 200, JSON_TYPE, '<html>oops</html>', 'transport:bad-response'],
  ['empty JSON body', 200, JSON_TYPE, '', 'transport:bad-response'],
  ['SSE data not JSON', 200, SSE, 'event: message\ndata: {oops\n\n', 'transport:bad-response'],
  ['SSE without data', 200, SSE, ': keep-alive\n\n', 'transport:bad-response'],
  ['SSE stream ended before the response', 200, SSE, sse('{"jsonrpc":"2.0","method":"notifications/progress","params":{}}'), 'transport:bad-response'],
  ['unexpected content type', 200, 'text/html', ok(7), 'transport:bad-response'],
  ['no content type', 200, undefined, ok(7), 'transport:bad-response'],
  ['JSON batch holding the response', 200, JSON_TYPE, `[${ok(6)},${rpcError(7, -32601)}]`, 'rpc-error:-32601'],
  ['SSE: notification, then the response', 200, SSE, sse('{"jsonrpc":"2.0","method":"notifications/message","params":{}}', ok(7)), 'ok'],
  ['SSE: priming event with only an id, then the response', 200, SSE, `id: 1\ndata:\n\nid: 2\nevent: message\ndata: ${ok(7)}\n\n`, 'ok'],
  ['SSE with CRLF line ends and no space after data:', 200, SSE, `event: message\r\ndata:${ok(7)}\r\n\r\n`, 'ok'],
  ['SSE data split over two lines', 200, SSE, `event: message\ndata: {"jsonrpc":"2.0",\ndata: "id":7,"result":{}}\n\n`, 'ok'],
  ['SSE: "data:" inside a JSON string is not a data line', 200, SSE, sse(ok(7, { content: [{ type: 'text', text: 'x\ndata: y' }] })), 'ok'],
  ['SSE: a non-message event is skipped', 200, SSE, `event: other\ndata: ${ok(7)}\n\nevent: message\ndata: ${rpcError(7, -1)}\n\n`, 'rpc-error:-1'],
];

describe('classifyResponse: an HTTP answer to a JSON-RPC request → outcome', () => {
  for (const [name, status, type, body, expected] of cases) {
    it(name, () => {
      assert.equal(errorKey(classifyResponse(status, type, body, 7)), expected);
    });
  }

  it('shares outcome objects instead of allocating one per answer', () => {
    assert.equal(classifyResponse(200, SSE, sse(ok(7)), 7), classifyResponse(200, JSON_TYPE, ok(7), 7));
    assert.equal(classifyResponse(500, undefined, '', 7), classifyResponse(500, JSON_TYPE, '{}', 7));
    assert.equal(classifyResponse(200, JSON_TYPE, rpcError(7, -5), 7), classifyResponse(200, SSE, sse(rpcError(7, -5)), 7));
  });
});
