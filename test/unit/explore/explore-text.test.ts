import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ServerCatalog } from '../../../src/explore/catalog.js';
import { argumentSummary, capabilityWords, renderCatalog, wrap } from '../../../src/explore/list-text.js';
import { anyFailed, probeCatalog, type ProbeItem } from '../../../src/explore/probe.js';
import { renderProbe, summaryLine } from '../../../src/explore/probe-text.js';
import { headerVar, scenarioText } from '../../../src/explore/init-text.js';
import type { Caller } from '../../../src/client/caller.js';
import type { McpRequest } from '../../../src/client/request.js';
import type { Outcome } from '../../../src/client/outcome.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

const readOnly = (name: string, extra: Partial<Tool> = {}): Tool => ({
  name,
  inputSchema: { type: 'object', properties: { message: { type: 'string' }, n: { type: 'integer' } }, required: ['message'] },
  annotations: { readOnlyHint: true, idempotentHint: true },
  ...extra,
});

const catalog = (over: Partial<ServerCatalog> = {}): ServerCatalog => ({
  server: { name: 'Demo Server', version: '1.2.3', protocolVersion: '2025-06-18' },
  capabilities: { tools: { listChanged: true }, resources: {}, logging: {} },
  instructions: null,
  tools: [readOnly('echo', { description: 'word '.repeat(80) }), { name: 'delete_all', inputSchema: { type: 'object' }, annotations: { readOnlyHint: false, destructiveHint: true } }],
  resources: [{ uri: 'demo://a', name: 'a', mimeType: 'text/plain' }],
  resourceTemplates: [{ uriTemplate: 'demo://items/{id}', name: 'item' }],
  prompts: null,
  problems: [],
  ...over,
});

test('list text: server, capabilities, hints, required args, a not-declared list, lines within the width', () => {
  const text = renderCatalog(catalog(), 60);
  assert.match(text, /^Server {8}Demo Server 1\.2\.3$/m);
  assert.match(text, /^Protocol {6}2025-06-18$/m);
  assert.match(text, /tools \(listChanged\), resources, logging/);
  assert.match(text, /^ {2}echo {2}\[read-only, idempotent\]$/m);
  assert.match(text, /args: message: string, \+1 optional/);
  assert.match(text, /delete_all {2}\[mutating, destructive\]/);
  assert.match(text, /^Prompts: not offered \(capability not declared\)$/m);
  assert.match(text, /demo:\/\/items\/\{id\} {2}item/);
  for (const line of text.split('\n')) assert.ok(line.length <= 60, `too wide: ${line}`);
  assert.ok(text.includes('…'), 'the long description is shortened');
});

test('wrap keeps to the line budget; capability and argument words', () => {
  const lines = wrap('a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(5), 20, 2, '> ');
  assert.equal(lines.length, 2);
  assert.ok(lines[1]!.endsWith('…'));
  assert.equal(capabilityWords({}), 'none declared');
  assert.equal(argumentSummary({ type: 'object', properties: { k: { enum: ['a', 'b'] }, l: { type: 'array', items: { type: 'integer' } } }, required: ['k', 'l'] }), 'k: "a"|"b", l: integer[]');
  assert.equal(argumentSummary(undefined), 'none');
});

/** A caller answering from a table by tool name / uri, the fake clock moved 1ms per call. */
function fakeCaller(clock: FakeClock, answers: (request: McpRequest) => Outcome, seen: McpRequest[]): Caller {
  return {
    async call(request) {
      seen.push(request);
      await clock.advanceUs(1000);
      return answers(request);
    },
    close: () => Promise.resolve(),
  };
}

test('probe: read-only tools with sampled args, mutating ones skipped, templates skipped, outcomes and latency', async () => {
  const clock = new FakeClock();
  const seen: McpRequest[] = [];
  const caller = fakeCaller(clock, (r) => (r.method === 'resources/read' ? { kind: 'rpc-error', code: -32002 } : { kind: 'ok', result: { content: [] } }), seen);
  const items = await probeCatalog(caller, catalog(), { times: 3, all: false, tools: [], timeoutUs: 1_000_000, clock });
  assert.deepEqual(items.map((i) => [i.kind, i.name, i.outcome]), [
    ['tool', 'echo', 'ok'],
    ['tool', 'delete_all', 'skipped'],
    ['resource', 'demo://a', 'rpc-error:-32002'],
    ['resource', 'demo://items/{id}', 'skipped'],
  ]);
  assert.deepEqual(seen[0], { method: 'tools/call', tool: 'echo', args: { message: 'example' } });
  assert.equal(seen.length, 6, 'three calls each for echo and the resource');
  assert.deepEqual(items[0]!.latency, { p50Us: 1000, maxUs: 1000 });
  assert.equal(items[0]!.bytes, Buffer.byteLength('{"content":[]}'));
  assert.ok(anyFailed(items));
  const text = renderProbe(items, 3, 100);
  assert.match(text, /rpc-error:-32002 3\/3/);
  assert.match(text, /1\.00ms \/ 1\.00ms/);
  assert.match(text, /skipped: not annotated read-only/);
  assert.equal(summaryLine(items), '2 probed: 1 ok, 1 failed; 2 skipped');
});

test('probe: an answer that breaks the outputSchema is schema-mismatch with the reason; --tool picks only that tool', async () => {
  const clock = new FakeClock();
  const tool = readOnly('typed', { outputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } });
  const caller = fakeCaller(clock, () => ({ kind: 'ok', result: { content: [], structuredContent: { n: 'x' } } }), []);
  const items = await probeCatalog(caller, catalog({ tools: [tool, readOnly('other')] }), { times: 1, all: false, tools: ['typed'], timeoutUs: 1e6, clock });
  assert.equal(items.length, 1);
  assert.equal(items[0]!.outcome, 'schema-mismatch');
  assert.match(items[0]!.notes[0] ?? '', /result breaks outputSchema/);
});

test('probe: arguments it could not satisfy are noted', async () => {
  const clock = new FakeClock();
  const tool = readOnly('pat', { inputSchema: { type: 'object', properties: { code: { type: 'string', pattern: '^(a|b)$' } }, required: ['code'] } });
  const caller = fakeCaller(clock, () => ({ kind: 'tool-error' }), []);
  const [item] = await probeCatalog(caller, catalog({ tools: [tool], resources: null, resourceTemplates: null }), { times: 1, all: false, tools: [], timeoutUs: 1e6, clock });
  assert.equal(item!.outcome, 'tool-error');
  assert.match(item!.notes[0] ?? '', /^arguments: code: cannot build a string matching pattern/);
  assert.equal(anyFailed([{ ...item!, outcome: 'skipped' } as ProbeItem]), false);
});

test('init: target secrets as ${NAME} placeholders, mutating tools listed not written, thresholds', () => {
  const http = scenarioText(catalog(), { http: { url: 'https://x.example/mcp', headers: { Authorization: 'Bearer s3cr3t-token', 'X-Api-Key': 'k3y-value' } } }, { all: false });
  assert.ok(!http.includes('s3cr3t-token') && !http.includes('k3y-value'), 'no secret value written');
  assert.match(http, /"Authorization": "\$\{AUTHORIZATION\}"/);
  assert.match(http, /"X-Api-Key": "\$\{X_API_KEY\}"/);
  assert.match(http, /export AUTHORIZATION, X_API_KEY before running/);
  assert.match(http, /- \{ tool: "echo", args: \{"message":"example"\} \}/);
  assert.match(http, /# Not read-only, left out \(init --all writes them\): delete_all/);
  assert.match(http, /^thresholds:\n {2}- "p99 < 500ms"/m);
  assert.match(http, /type: sequential[\s\S]*type: concurrent/);
  const stdio = scenarioText(catalog(), { stdio: { command: 'node', args: ['s.js'], env: { TOKEN: 'abcdef123' } } }, { all: true });
  assert.ok(!stdio.includes('abcdef123'));
  assert.match(stdio, /"TOKEN": "\$\{TOKEN\}"/);
  assert.match(stdio, /tool: "delete_all"/);
  const creds = scenarioText(catalog(), { http: { url: 'https://user:pw123456@x.example/mcp' } }, { all: false });
  assert.ok(!creds.includes('pw123456'));
  assert.match(creds, /url: "\$\{MCP_URL\}"/);
  assert.equal(headerVar('x-trace-id'), 'X_TRACE_ID');
});

test('init: nothing read-only gives ping and tools/list; a literal ${ in an example is escaped', () => {
  const none = scenarioText(catalog({ tools: [], resources: [], resourceTemplates: [], prompts: [] }), { builtin: {} }, { all: false });
  assert.match(none, /- \{ method: "ping" \}/);
  const dollar = readOnly('d', { inputSchema: { type: 'object', properties: { v: { const: '${HOME}' } }, required: ['v'] } });
  assert.match(scenarioText(catalog({ tools: [dollar] }), { builtin: {} }, { all: false }), /"v":"\$\$\{HOME\}"/);
});
