import { Option, type Command } from 'commander';
import { hideInUrls } from '../input/redact.js';
import { headerNameProblem, headerValueProblem } from '../input/http-headers.js';
import type { WrittenTarget } from '../scenario/overrides.js';
import { collect } from './repeatable.js';

export interface TargetFlags {
  readonly stdio?: string;
  readonly http?: string;
  readonly sse?: string;
  readonly header?: readonly string[];
  readonly env?: readonly string[];
}

/**
 * The target flags every command that talks to a server takes (`run`, `list`, `probe`, `init`, `capacity`), worded
 * the same everywhere; `role` ends each target flag's help (`, replacing the scenario's target` for run).
 */
export function addTargetOptions(command: Command, role = ''): Command {
  return command
    .option('--stdio <command>', `target: a stdio server command line${role}`)
    .option('--http <url>', `target: a Streamable HTTP endpoint${role}`)
    .option('--sse <url>', `target: a legacy HTTP+SSE endpoint${role}`)
    .addOption(new Option('-H, --header <header>', 'HTTP header "Name: value" for --http/--sse (repeatable)').argParser(collect))
    .addOption(new Option('-e, --env <NAME=value>', 'environment variable for the --stdio server (repeatable)').argParser(collect));
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

/**
 * What the target flags give that is secret (input/secrets.ts): every `-H` and `-e` value — a malformed one whole,
 * since which part is the value cannot be told — and the credentials in a `--http`/`--sse` URL.
 */
export function flagSecrets(flags: TargetFlags): string[] {
  const found: string[] = [];
  // indexOf is -1 when there is no separator: the whole text, then.
  for (const line of flags.header ?? []) found.push(line.slice(line.indexOf(':') + 1).trim());
  for (const assignment of flags.env ?? []) found.push(assignment.slice(assignment.indexOf('=') + 1));
  for (const url of [flags.http, flags.sse]) if (url !== undefined) hideInUrls(url, (secret) => found.push(secret));
  return found;
}

/** `Name: value` lines; an error names the header, never its value (values are secrets). */
function parseHeaders(lines: readonly string[]): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const [index, line] of lines.entries()) {
    const colon = line.indexOf(':');
    if (colon === 0) return `--header expects "Name: value"; the ${ordinal(index)} --header has no name before its ":"`;
    if (colon === -1) return `--header expects "Name: value"; the ${ordinal(index)} --header has no ":" (${NOT_SHOWN})`;
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

/** Why a malformed flag is not quoted: all of it may be the value. */
const NOT_SHOWN = 'its text is not shown: it may be a secret';

/** `1st`, `2nd`, … for the index-th (0-based) of a repeated flag. */
function ordinal(index: number): string {
  const n = index + 1;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function parseEnv(assignments: readonly string[]): Record<string, string> | string {
  const env: Record<string, string> = {};
  for (const [index, assignment] of assignments.entries()) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(assignment);
    if (!match && !assignment.includes('=')) return `--env expects NAME=value; the ${ordinal(index)} --env has no "=" (${NOT_SHOWN})`;
    if (!match) return `--env expects NAME=value with NAME letters, digits and _, not starting with a digit; got ${JSON.stringify(assignment.replace(/=.*/s, '=…'))}`;
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
