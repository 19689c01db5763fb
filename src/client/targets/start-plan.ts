/**
 * A URL target's `start:` — the user's own server, which mcp-bench starts once per run before the first workload, waits
 * for, samples and stops at the end (runner/started-server.ts does that). Here: its syntax, its plan and how it is
 * shown. The command is a program and a list of arguments (no shell: `command: node`, `args: [server.js]`), as a stdio
 * target's; env values are secrets like a stdio target's env (every `env` map under a target is redacted).
 *
 * When it is ready: `ready: { url: true }` (the default) polls the target's own URL, `ready: { http: <url> }` another
 * URL (a health check) — any HTTP answer, a 4xx or 405 included, means it listens; `ready: { log: <regex> }` waits for
 * a line of its stdout or stderr that matches. `timeout` (default 30s) bounds the wait.
 */
import path from 'node:path';
import { z } from 'zod';
import { duration, httpUrl, stringish, stringMap, strict, text } from '../../input/fields.js';
import { hideInUrls, REDACTED } from '../../input/redact.js';

/** How mcp-bench knows the started server is ready. */
export type ReadyPlan = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'log'; readonly pattern: string };

export interface StartPlan {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Absolute working directory (a relative one is taken from the scenario file's folder). */
  readonly cwd: string;
  readonly ready: ReadyPlan;
  /** How long it may take to be ready, in µs. */
  readonly timeoutUs: number;
}

export const DEFAULT_START_TIMEOUT_US = 30_000_000;

const regex = () =>
  text('a regular expression, like "listening on"').superRefine((value, ctx) => {
    try {
      new RegExp(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a valid regular expression', input: value, params: { hint: 'escape ( [ { . * + ? with \\ to match them as written' } });
    }
  });

const readySchema = () =>
  strict({
    url: z.literal(true, { error: 'expected true (poll the target\'s URL)' }).optional(),
    http: httpUrl().optional(),
    log: regex().optional(),
  }).superRefine((raw, ctx) => {
    const given = Object.entries(raw).filter(([, value]) => value !== undefined).map(([key]) => key);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `expected one of url: true, http: <url> or log: <regex>; got ${given.length === 0 ? 'none' : given.join(' and ')}`, params: { hint: 'e.g. ready: { log: "listening on" }' } });
    }
  });

/** What is written under `start:`. */
export const startSchema = () =>
  strict({
    command: text('a command, like node or npx'),
    args: z.array(stringish()).optional(),
    env: stringMap().optional(),
    cwd: text('a folder').optional(),
    ready: readySchema().optional(),
    timeout: duration({ positive: true, zeroHint: 'the server needs some time to start' }).optional(),
  });

export type RawStart = z.output<ReturnType<typeof startSchema>>;

/** The plan of a validated `start:`; `url` is the target's own (what `ready: { url: true }` polls). */
export function buildStart(raw: RawStart, baseDir: string, url: string): StartPlan {
  const ready: ReadyPlan = raw.ready?.log !== undefined ? { kind: 'log', pattern: raw.ready.log } : { kind: 'url', url: raw.ready?.http ?? url };
  return {
    command: raw.command,
    args: raw.args ?? [],
    env: raw.env ?? {},
    cwd: path.resolve(baseDir, raw.cwd ?? '.'),
    ready,
    timeoutUs: raw.timeout ?? DEFAULT_START_TIMEOUT_US,
  };
}

/** The start as a report may show it: env values hidden, credentials removed from the URL it polls. */
export function hideStart(plan: StartPlan): StartPlan {
  const ready = plan.ready.kind === 'url' ? { ...plan.ready, url: hideInUrls(plan.ready.url) } : plan.ready;
  return { ...plan, env: Object.fromEntries(Object.keys(plan.env).map((key) => [key, REDACTED])), ready };
}

/** The command line in words, for messages: `node server.js --port 3000`. */
export function startCommandLine(plan: StartPlan): string {
  return [plan.command, ...plan.args].map((word) => (/[\s"']/.test(word) ? JSON.stringify(word) : word)).join(' ');
}
