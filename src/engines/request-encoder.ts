import type { OperationPlan } from '../operations/operation.js';

/** What every request of one run carries besides its body. */
export interface EncoderTarget {
  readonly url: URL;
  /** The user's headers (auth and the like); the MCP and framing headers below win over same-named ones. */
  readonly headers: Readonly<Record<string, string>>;
  /** The session's `Mcp-Session-Id`, or null for a server that issued none (stateless). */
  readonly sessionId: string | null;
  /** The negotiated protocol version, sent as `MCP-Protocol-Version`. */
  readonly protocolVersion: string;
}

/** Headers the engine sets itself; a user header of the same name (any case) is dropped. */
const OWN_HEADERS = new Set([
  'content-type',
  'accept',
  'content-length',
  'connection',
  'transfer-encoding',
  'mcp-session-id',
  'mcp-protocol-version',
]);

interface Template {
  /** Request line and headers up to `Content-Length: `. */
  readonly head: string;
  /** The JSON-RPC body up to the id: `{"jsonrpc":"2.0","method":"tools/call","params":{…},"id":`. */
  readonly bodyPrefix: string;
  /** UTF-8 length of `bodyPrefix` plus the closing brace. */
  readonly fixedBodyBytes: number;
}

/**
 * Raw HTTP/1.1 `tools/call` POSTs, one template per operation, built once; `encode` only appends the JSON-RPC id
 * and the Content-Length (ids are ASCII digits, so the length is arithmetic), and makes one Buffer.
 */
export class RequestEncoder {
  private readonly templates: readonly Template[];

  constructor(operations: readonly OperationPlan[], target: EncoderTarget) {
    const head = requestHead(target);
    this.templates = operations.map((operation) => {
      const request = operation.request;
      if (request.method !== 'tools/call') {
        throw new RangeError(`the autocannon engine sends tools/call only; operation "${operation.name}" is ${request.method}`);
      }
      const params = JSON.stringify({ name: request.tool, arguments: request.args });
      const bodyPrefix = `{"jsonrpc":"2.0","method":"tools/call","params":${params},"id":`;
      return { head, bodyPrefix, fixedBodyBytes: Buffer.byteLength(bodyPrefix) + 1 };
    });
  }

  /** The whole request (head and body) for operation `index` with JSON-RPC id `id` (a non-negative integer). */
  encode(index: number, id: number): Buffer {
    const template = this.templates[index];
    if (!template) throw new RangeError(`no operation at index ${index}`);
    const idText = String(id);
    const length = template.fixedBodyBytes + idText.length;
    return Buffer.from(`${template.head}${length}\r\n\r\n${template.bodyPrefix}${idText}}`);
  }
}

function requestHead(target: EncoderTarget): string {
  const { url } = target;
  const lines = [`POST ${url.pathname}${url.search} HTTP/1.1`];
  let host = url.host;
  const user: string[] = [];
  for (const [name, value] of Object.entries(target.headers)) {
    checkHeader(name, value);
    const lower = name.toLowerCase();
    if (lower === 'host') host = value;
    else if (!OWN_HEADERS.has(lower)) user.push(`${name}: ${value}`);
  }
  lines.push(`Host: ${host}`, 'Connection: keep-alive', ...user);
  lines.push('Content-Type: application/json', 'Accept: application/json, text/event-stream');
  if (target.sessionId !== null) lines.push(`Mcp-Session-Id: ${target.sessionId}`);
  checkHeader('MCP-Protocol-Version', target.protocolVersion);
  lines.push(`MCP-Protocol-Version: ${target.protocolVersion}`, 'Content-Length: ');
  return lines.join('\r\n');
}

/** A header written raw must not be able to end the header block or start another header. */
function checkHeader(name: string, value: string): void {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value)) {
    throw new TypeError(`invalid HTTP header ${JSON.stringify(name)}`);
  }
}
