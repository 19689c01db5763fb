import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectHint, crashLines, firstErrorLine, httpBodyText, withHint } from '../../../src/client/connect-hints.js';

describe('connect hints', () => {
  it('sends a 404 on / or /sse of an http target to /mcp or --sse', () => {
    for (const url of ['http://127.0.0.1:3000', 'http://127.0.0.1:3000/', 'http://127.0.0.1:3000/sse']) {
      assert.equal(
        connectHint({ code: 'transport:http-404', kind: 'http', url }),
        `try --http http://127.0.0.1:3000/mcp (the usual Streamable HTTP path), or --sse ${url} for a server on the older HTTP+SSE transport`,
        url,
      );
    }
  });

  it('sends --sse on /mcp to --http, for a 404 and a 405', () => {
    for (const code of ['transport:http-404', 'transport:http-405']) {
      assert.equal(connectHint({ code, kind: 'sse', url: 'http://localhost:8080/mcp' }), 'this looks like a Streamable HTTP endpoint: try --http http://localhost:8080/mcp');
    }
  });

  it('says to check another path, and nothing for statuses or codes it has no next step for', () => {
    assert.equal(connectHint({ code: 'transport:http-404', kind: 'http', url: 'http://h:1/api/v2/mcp' }), "check the URL's path: /api/v2/mcp was not found on http://h:1");
    assert.equal(connectHint({ code: 'transport:http-405', kind: 'http', url: 'http://h:1/api' }), null);
    assert.equal(connectHint({ code: 'transport:http-500', kind: 'http', url: 'http://h:1/' }), null);
    assert.equal(connectHint({ code: 'transport:http-404', kind: 'http' }), null);
    assert.equal(connectHint({ code: 'timeout', kind: 'stdio' }), null);
  });

  it('asks whether the server runs, or the command exists', () => {
    assert.equal(connectHint({ code: 'transport:ECONNREFUSED', kind: 'http', url: 'http://127.0.0.1:9/mcp' }), 'is the server running and listening at http://127.0.0.1:9?');
    assert.equal(connectHint({ code: 'transport:ENOENT', kind: 'stdio' }), 'is the command installed and on PATH (or give its full path)?');
  });

  it('joins a hint to its message, or leaves the message alone', () => {
    assert.equal(withHint('could not connect: HTTP 404', 'try x'), 'could not connect: HTTP 404; try x');
    assert.equal(withHint('could not connect', null), 'could not connect');
  });
});

describe('an HTTP error body', () => {
  it('is named, never dumped, when it is an HTML page', () => {
    const page = `<!DOCTYPE html>\n<html><head><title>Not Found</title></head><body>${'x'.repeat(100)}</body></html>`;
    assert.equal(httpBodyText(page, 4096), 'an HTML page (4,096 bytes), not an MCP answer');
    assert.equal(httpBodyText(page), `an HTML page (${Buffer.byteLength(page)} bytes), not an MCP answer`);
    assert.equal(httpBodyText(`  <html lang="en">${'y'.repeat(600)}`), 'an HTML page (618+ bytes), not an MCP answer');
  });

  it('is one short line otherwise', () => {
    assert.equal(httpBodyText('Not Found\nmore detail'), 'Not Found');
    assert.equal(httpBodyText(''), '');
    assert.equal(httpBodyText('z'.repeat(300)).length, 200);
  });
});

describe("a crashed server's stderr", () => {
  it('gives its first error line, else its last line, and the log path', () => {
    assert.equal(firstErrorLine(['starting', 'Error: Cannot find module ./config.json', 'at x']), 'Error: Cannot find module ./config.json');
    assert.equal(firstErrorLine(['starting', 'bye', '']), 'bye');
    assert.equal(firstErrorLine([]), null);
    assert.deepEqual(crashLines(['TypeError: x is not a function'], 'reports/r.server.log'), ['  the server wrote: TypeError: x is not a function', "  the server's log: reports/r.server.log"]);
    assert.deepEqual(crashLines([], null), []);
  });
});
