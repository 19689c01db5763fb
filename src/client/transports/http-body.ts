import type http from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { BadResponseError, HttpStatusError } from './http-errors.js';
import { SseParser } from './sse-parser.js';

const ERROR_SNIPPET_BYTES = 512;

/**
 * Reads one HTTP answer to a POSTed JSON-RPC message and delivers the messages in it. Resolves when the body has
 * ended; rejects on an HTTP error status, an unreadable body, or (for a request) a body that never carried the
 * request's response — so a garbled answer fails its call at once instead of waiting for the timeout.
 */
export function readJsonRpcBody(
  res: http.IncomingMessage,
  requestId: string | number | undefined,
  deliver: (message: JSONRPCMessage) => void,
): Promise<void> {
  const status = res.statusCode ?? 0;
  if (status === 202 || status === 204) return drain(res);
  if (status < 200 || status >= 300) return rejectWithStatus(res, status);
  const type = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  let answered = requestId === undefined;
  const accept = (text: string): void => {
    const parsed = JSON.parse(text) as JSONRPCMessage | JSONRPCMessage[];
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
      if (!answered && 'id' in message && message.id === requestId && !('method' in message)) answered = true;
      deliver(message);
    }
  };
  if (type === 'text/event-stream') return readSse(res, accept, () => answered);
  if (type === 'application/json') return readJson(res, accept, () => answered);
  res.resume();
  if (requestId === undefined) return Promise.resolve();
  return Promise.reject(new BadResponseError(`unexpected content type ${JSON.stringify(type ?? '')}`));
}

function readJson(res: http.IncomingMessage, accept: (t: string) => void, answered: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.once('error', reject);
    res.once('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        if (text.trim()) accept(text);
      } catch {
        return reject(new BadResponseError('answer is not valid JSON'));
      }
      if (!answered()) return reject(new BadResponseError('answer carried no response to the request'));
      resolve();
    });
  });
}

function readSse(res: http.IncomingMessage, accept: (t: string) => void, answered: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | null = null;
    const parser = new SseParser((event, data) => {
      if (event !== 'message' || failure) return;
      try {
        accept(data);
      } catch {
        failure = new BadResponseError('event-stream data is not valid JSON');
      }
    });
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => parser.push(chunk));
    res.once('error', reject);
    res.once('end', () => {
      parser.end();
      if (failure) return reject(failure);
      if (!answered()) return reject(new BadResponseError('event stream ended without a response'));
      resolve();
    });
  });
}

function drain(res: http.IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    res.resume();
    res.once('end', resolve);
    res.once('error', () => resolve());
  });
}

function rejectWithStatus(res: http.IncomingMessage, status: number): Promise<void> {
  return new Promise((_resolve, reject) => {
    const retryAfter = Number(res.headers['retry-after']);
    let snippet = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      if (snippet.length < ERROR_SNIPPET_BYTES) snippet += chunk.slice(0, ERROR_SNIPPET_BYTES - snippet.length);
    });
    const fail = (): void =>
      reject(new HttpStatusError(status, Number.isFinite(retryAfter) ? retryAfter : null, snippet.trim()));
    res.once('end', fail);
    res.once('error', fail);
  });
}
