/**
 * A Streamable HTTP "server" that does as little as possible, so a benchmark against it measures the client: it
 * answers `initialize` with a session, notifications with 202, DELETE with 200, and every other POST with a canned
 * `text/event-stream` echo result carrying the request's own id (found with a regex, not parsed). Not MCP-complete;
 * for benchmarks only. Prints `… Streamable HTTP at <url>, …` like `mcp-bench serve` once listening.
 *
 *   node --import tsx bench/peers/canned-mcp-http.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const SESSION = 'canned-session';
const ID = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/;

const server = createServer({ keepAlive: true }, (request, response) => {
  if (request.method === 'DELETE') {
    response.writeHead(200).end();
    return;
  }
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (body += chunk));
  request.on('end', () => {
    const id = ID.exec(body)?.[1];
    if (id === undefined) {
      response.writeHead(202).end();
      return;
    }
    if (body.includes('"method":"initialize"')) {
      response.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': SESSION });
      response.end(`{"jsonrpc":"2.0","id":${id},"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"canned","version":"0"}}}`);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'mcp-session-id': SESSION });
    response.end(`event: message\ndata: {"result":{"content":[{"type":"text","text":"hi"}]},"jsonrpc":"2.0","id":${id}}\n\n`);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/mcp`;
  process.stdout.write(`canned MCP responder: Streamable HTTP at ${url}, nothing else\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
// Spawned with a stdin pipe: when the parent goes (even killed), the pipe ends and so do we.
process.stdin.once('end', () => process.exit(0)).once('close', () => process.exit(0)).resume();
