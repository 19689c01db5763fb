import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeHint, describeBody, exitedHint, httpHint } from '../../../src/client/connect-hints.js';
import type { TargetPlan } from '../../../src/client/targets/registry.js';

const http = (url: string): TargetPlan => ({ kind: 'http', url, headers: {} }) as unknown as TargetPlan;
const sse = (url: string): TargetPlan => ({ kind: 'sse', url, headers: {} }) as unknown as TargetPlan;
const stdio = { kind: 'stdio', command: 'node', args: [] } as unknown as TargetPlan;

describe('connect hints', () => {
  it('a 404 or 405 at / or /sse over --http points to /mcp (and to --sse for /sse)', () => {
    assert.equal(httpHint(http('http://127.0.0.1:3000/'), 404), 'MCP servers usually serve Streamable HTTP at /mcp: try --http http://127.0.0.1:3000/mcp');
    assert.equal(httpHint(http('http://127.0.0.1:3000'), 405), 'MCP servers usually serve Streamable HTTP at /mcp: try --http http://127.0.0.1:3000/mcp');
    assert.equal(
      httpHint(http('https://example.test:8443/sse'), 404),
      'MCP servers usually serve Streamable HTTP at /mcp: try --http https://example.test:8443/mcp, or --sse https://example.test:8443/sse for a legacy HTTP+SSE server',
    );
  });

  it('a 404 on another path over --http asks whether it is the endpoint; --sse refused at /mcp suggests --http', () => {
    assert.match(httpHint(http('http://h:1/api/v1'), 404) ?? '', /is this the server's MCP endpoint\? a legacy HTTP\+SSE server is reached with --sse \(often http:\/\/h:1\/sse\)/);
    assert.equal(httpHint(sse('http://h:1/mcp'), 400), 'this may be a Streamable HTTP server: try --http http://h:1/mcp');
    assert.equal(httpHint(sse('http://h:1/events'), 404), 'a Streamable HTTP server is reached with --http (often http://h:1/mcp)');
  });

  it('401/403 ask for credentials; other statuses and stdio targets get no hint', () => {
    assert.match(httpHint(http('http://h:1/mcp'), 401) ?? '', /-H "Authorization: Bearer …"/);
    assert.equal(httpHint(http('http://h:1/mcp'), 500), null);
    assert.equal(httpHint(http('http://h:1/mcp'), 429), null);
    assert.equal(httpHint(stdio, 404), null);
  });

  it('a refused connection asks whether the server runs; a command not found whether it is on PATH', () => {
    assert.equal(codeHint(http('http://127.0.0.1:9/mcp'), 'transport:ECONNREFUSED'), 'is the server running and listening at http://127.0.0.1:9?');
    assert.equal(codeHint(stdio, 'transport:ENOENT'), 'is the command installed and on PATH? (or give its full path)');
    assert.equal(codeHint(stdio, 'transport:ECONNREFUSED'), null);
    assert.equal(codeHint(http('http://h:1/mcp'), 'transport:closed'), null);
  });

  it('an HTML page is named by its size, never dumped; other bodies keep their first line', () => {
    assert.equal(describeBody('<!DOCTYPE html>\n<html><body>Not Found</body></html>'), 'an HTML page (51 bytes)');
    assert.equal(describeBody('  <html lang="en">x</html>'), 'an HTML page (24 bytes)');
    assert.equal(describeBody('{"error":"not found"}\nmore'), '{"error":"not found"}');
    assert.equal(describeBody('<htmlish>'), '<htmlish>');
  });

  it("a crashed server's first error line, else its first line, else nothing", () => {
    assert.equal(exitedHint(['starting…', 'Error: EADDRINUSE 3000', 'at x']), 'the server wrote: Error: EADDRINUSE 3000');
    assert.equal(exitedHint(['usage: server [--port]']), 'the server wrote: usage: server [--port]');
    assert.equal(exitedHint([]), null);
  });
});
