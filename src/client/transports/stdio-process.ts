import { spawn, type ChildProcess } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { trackGroup } from './live-groups.js';
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
}

/**
 * The client side of the stdio transport, spawning the server in a process group of its own (see process-group.ts)
 * — which the SDK's StdioClientTransport cannot do. Newline-delimited JSON-RPC on stdin/stdout (the SDK's ReadBuffer
 * and serializeMessage), stderr to `onStderr`. close() ends stdin, then SIGTERMs, then SIGKILLs the group, and returns
 * once the process is gone; `onclose` fires when the process has exited and its output has been read (or soon after
 * the exit, if something it started still holds its stdout).
 */
export class StdioProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | null = null;
  private readonly readBuffer = new ReadBuffer();
  private closing: Promise<void> | null = null;
  private exitTimer: NodeJS.Timeout | null = null;
  private ended = false;
  /** Takes the group off the list of live groups (live-groups.ts) once stopped. */
  private untrack: (() => void) | null = null;

  constructor(private readonly options: StdioProcessOptions) {}

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
      if (child.pid !== undefined) this.untrack = trackGroup(child.pid);
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
    this.untrack?.();
    this.finish();
  }

  private read(chunk: Buffer): void {
    try {
      this.readBuffer.append(chunk);
    } catch (error) {
      // A message beyond the buffer's limit: the stream cannot be resynchronized.
      this.onerror?.(error as Error);
      void this.close();
      return;
    }
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.readBuffer.readMessage();
      } catch (error) {
        this.onerror?.(error as Error); // one bad line; the next one may be fine
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  private finish(): void {
    if (this.exitTimer) clearTimeout(this.exitTimer);
    if (this.ended) return;
    this.ended = true;
    this.readBuffer.clear();
    this.onclose?.();
  }
}
