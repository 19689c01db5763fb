/**
 * `auth: { tokenCommand: "…" }`: a shell command that prints a bearer token (`gcloud auth print-access-token`). Run
 * once for the workload's first session and again after a 401, within a deadline; its stdout, trimmed, is the token
 * (a leading `Bearer ` is dropped). Neither its output nor its stderr is ever shown — either may hold the token or what
 * it was made from — so a failure says only how it ended.
 */
import { exec } from 'node:child_process';
import { AuthError } from './auth-error.js';
import type { AccessToken, TokenFetcher } from './token-source.js';

export const TOKEN_COMMAND_TIMEOUT_MS = 30_000;
const MAX_OUTPUT_BYTES = 64 * 1024;

export class TokenCommandFetcher implements TokenFetcher {
  constructor(
    private readonly command: string,
    private readonly timeoutMs = TOKEN_COMMAND_TIMEOUT_MS,
  ) {}

  fetch(): Promise<AccessToken> {
    return new Promise((resolve, reject) => {
      exec(this.command, { timeout: this.timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true }, (error, stdout) => {
        if (error) return reject(new AuthError('token-failed', `the token command ${howItEnded(error, this.timeoutMs)} (its output is not shown: it may hold secrets)`));
        const token = String(stdout).trim().replace(/^Bearer\s+/i, '');
        if (token === '' || /\s/.test(token)) return reject(new AuthError('token-failed', 'the token command printed no single token on stdout'));
        resolve({ token, expiresInSec: null });
      });
    });
  }
}

function howItEnded(error: Error & { code?: unknown; killed?: boolean; signal?: unknown }, timeoutMs: number): string {
  if (error.killed && error.signal === 'SIGTERM') return `did not finish within ${timeoutMs / 1000} s`;
  if (error.message.includes('maxBuffer')) return `printed more than ${MAX_OUTPUT_BYTES / 1024} KiB`;
  if (typeof error.code === 'number') return `exited with code ${error.code}`;
  return `could not run (${typeof error.code === 'string' ? error.code : error.name})`;
}
