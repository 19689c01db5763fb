import { spawn, type ChildProcess } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { formatBytes } from '../../input/units.js';
import { DEFAULT_MAX_ANSWER_BYTES, type BadOutputListener } from './bad-output.js';
import { InboundRouter } from './inbound.js';
import { LineReader } from './line-reader.js';
import { OWN_PROCESS_GROUP, STOP_STEP_MS, stopGroup } from './process-group.js';

/** After the process exits, how long its output may take to drain before the transport counts as closed anyway. */
const OUTPUT_AFTER_EXIT_MS = 200;

export interface StdioProcessOptions {
  readonly command: string;
  readonly args: readonly string[];
  /** Added to the SDK's safe default environment (PATH, HOME, …); the parent's own environment is not passed. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Where the server's stderr goes (never into our output). */
  readonly onStderr: (chunk: Buffer) => void;
  /** How long each step of close() waits for the process to exit (stdin closed, SIGTERM, SIGKILL). Default 2 s. */
  readonly stopStepMs?: number;
  /** The longest line read from stdout; a longer one is skipped (see bad-output.ts). Default 16 MiB. */
  readonly maxAnswerBytes?: number;
  /** Told of every line that is not JSON-RPC, every answer to no request in flight, every line over the limit. */
  readonly onBadOutput?: BadOutputListener;
}

/**
 * The client side of the stdio transport, spawning the server in a process group of its own (see process-group.ts)
 * — which the SDK's StdioClientTransport cannot do. Newline-delimited JSON-RPC on stdin/stdout (our LineReader and
 * InboundRouter, which bound a line's size and count bad output; the SDK's serializeMessage), stderr to `onStderr`. close() ends stdin, then SIGTERMs, then SIGKILLs the group, and returns
 * once the process is gone; `onclose` fires when the process has exited and its output has been read (or soon after
 * the exit, if something it started still holds its stdout).
 */
export class StdioProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | null = null;
  private readonly inbound: InboundRouter;
  private readonly lines: LineReader;
  private closing: Promise<void> | null = null;
  private exitTimer: NodeJS.Timeout | null = null;
  private ended = false;

  constructor(private readonly options: StdioProcessOptions) {
    this.inbound = new InboundRouter((message) => this.onmessage?.(message), options.onBadOutput);
    const maxBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.lines = new LineReader(maxBytes, this.inbound, `the ${formatBytes(maxBytes)} limit`);
  }

  /** The server's process id (and process group id), once started. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): Promise<void> {
    if (this.child) return Promise.reject(new Error('StdioProcessTransport already started'));
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.command, [...this.options.args], {
        env: { ...getDefaultEnvironment(), ...this.options.env },
        cwd: this.options.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: OWN_PROCESS_GROUP,
        shell: false,
        windowsHide: true,
      });
      this.child = child;
      let spawned = false;
      child.once('spawn', () => {
        spawned = true;
        resolve();
      });
      child.on('error', (error) => {
        if (!spawned) reject(error);
        else this.onerror?.(error);
      });
      // Closed once it has exited and its output has been read; a grandchild holding stdout open does not delay it
      // past a moment after the exit.
      child.once('exit', () => {
        this.exitTimer = setTimeout(() => this.finish(), OUTPUT_AFTER_EXIT_MS);
      });
      child.once('close', () => this.finish());
      child.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
      child.stdout?.on('error', (error) => this.onerror?.(error));
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stderr?.on('data', this.options.onStderr);
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.ended) return Promise.reject(new Error('Not connected'));
    this.inbound.sent(message);
    // A server on its way out (stdin ended or broken): the message is lost, and the call fails as `closed` when
    // onclose follows — a rejected send would leave the SDK's response handler behind (see transport-failure.ts).
    if (!stdin.writable) return Promise.resolve();
    if (stdin.write(serializeMessage(message))) return Promise.resolve();
    return new Promise((resolve) => stdin.once('drain', resolve));
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    if (this.child) await stopGroup(this.child, this.options.stopStepMs ?? STOP_STEP_MS);
    this.finish();
  }

  /** Lines beyond the size limit are skipped to their end, so one oversized answer never ends the session. */
  private read(chunk: Buffer): void {
    this.lines.push(chunk);
  }

  private finish(): void {
    if (this.exitTimer) clearTimeout(this.exitTimer);
    if (this.ended) return;
    this.ended = true;
    this.lines.clear();
    this.inbound.clear();
    this.onclose?.();
  }
}
