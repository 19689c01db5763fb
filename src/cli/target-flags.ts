import { hideInUrls } from '../input/redact.js';
import { headerNameProblem, headerValueProblem } from '../input/http-headers.js';
import type { WrittenTarget } from '../scenario/overrides.js';

export interface TargetFlags {
  readonly stdio?: string;
  readonly http?: string;
  readonly sse?: string;
  readonly header?: readonly string[];
  readonly env?: readonly string[];
}

export type TargetOverride = { readonly ok: true; readonly target: WrittenTarget | null } | { readonly ok: false; readonly error: string };

/**
 * `--stdio "<command line>"` (with `-e NAME=value`), `--http <url>`, `--sse <url>` (with `-H "Name: value"`): a
 * target given on the command line, as a scenario would write it; the scenario's loader lays it over the file's target
 * before validating (scenario/overrides.ts). Returns null when none is given. What needs no scenario to check is
 * checked here: one target, a command to run, a URL, header and env syntax.
 */
export function targetFromFlags(flags: TargetFlags, cwd: string): TargetOverride {
  const given = (['stdio', 'http', 'sse'] as const).filter((key) => flags[key] !== undefined);
  if (given.length === 0) {
    if (flags.header?.length) return { ok: false, error: '--header needs --http or --sse' };
    return flags.env?.length ? { ok: false, error: '--env needs --stdio' } : { ok: true, target: null };
  }
  if (given.length > 1) return { ok: false, error: `give one target, not ${given.map((g) => `--${g}`).join(' and ')}` };
  const headers = parseHeaders(flags.header ?? []);
  if (typeof headers === 'string') return { ok: false, error: headers };
  if (flags.stdio !== undefined) {
    const words = splitCommandLine(flags.stdio);
    if (words.length === 0) return { ok: false, error: '--stdio needs a command, e.g. --stdio "node server.js"' };
    if (Object.keys(headers).length > 0) return { ok: false, error: '--header applies to --http and --sse, not --stdio' };
    const env = parseEnv(flags.env ?? []);
    if (typeof env === 'string') return { ok: false, error: env };
    const [command, ...args] = words as [string, ...string[]];
    return { ok: true, target: { stdio: { command, args, env, cwd } } };
  }
  if (flags.env?.length) return { ok: false, error: '--env applies to --stdio, not --http or --sse' };
  const kind = flags.http !== undefined ? 'http' : 'sse';
  const url = (flags.http ?? flags.sse) as string;
  if (!isHttpUrl(url)) {
    return { ok: false, error: `--${kind} expects an http(s) URL like http://127.0.0.1:3000/mcp; got ${JSON.stringify(hideInUrls(url))}` };
  }
  return { ok: true, target: kind === 'http' ? { http: { url, headers } } : { sse: { url, headers } } };
}

/** `Name: value` lines; an error names the header, never its value (values are secrets). */
function parseHeaders(lines: readonly string[]): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `--header expects "Name: value"; got ${JSON.stringify(withoutValue(line, colon))}`;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const nameProblem = headerNameProblem(name);
    if (nameProblem) return `--header ${JSON.stringify(name)}: ${nameProblem.message} (${nameProblem.hint})`;
    const valueProblem = headerValueProblem(value);
    if (valueProblem) return `--header ${name}: ${valueProblem.message}`;
    headers[name] = value;
  }
  return headers;
}

/** A header line shown without what may be its value: `: …`, or the first word of a line without a colon. */
function withoutValue(line: string, colon: number): string {
  return colon === 0 ? ': …' : line.replace(/\s.*/s, ' …');
}

function parseEnv(assignments: readonly string[]): Record<string, string> | string {
  const env: Record<string, string> = {};
  for (const assignment of assignments) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(assignment);
    if (!match) return `--env expects NAME=value; got ${JSON.stringify(assignment.replace(/=.*/s, '=…'))}`;
    env[match[1] as string] = match[2] as string;
  }
  return env;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Splits a command line into words as a POSIX shell would, without any expansion: single quotes literal, double
 * quotes with backslash escaping only " \\ $ and `, a backslash outside quotes escaping the next character.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && '"\\$`'.includes(line[i + 1] ?? '')) current += line[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
