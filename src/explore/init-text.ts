/**
 * `mcp-bench init`'s scenario, purely from a catalog and the target as given: a commented YAML file with the target
 * (header and env values never written: `${NAME}` placeholders to export instead), an operation per read-only tool
 * with schema-derived arguments (the others listed in a comment unless `all`), each resource, each prompt, a
 * sequential and a concurrent workload, and a `thresholds:` block to edit. JSON is YAML's flow syntax, so every value
 * is written as JSON: quoted and escaped as it must be.
 */
import { hideInUrls } from '../input/redact.js';
import { isReadOnly, type ServerCatalog } from './catalog.js';
import { PROMPT_PLACEHOLDER } from './probe.js';
import { sampleArguments } from './sample-args.js';
import type { ExploreTarget } from './session.js';

/** Resources written as operations at most; the rest are named in a comment. */
export const MAX_RESOURCES = 20;

export interface InitOptions {
  readonly all: boolean;
}

export function scenarioText(catalog: ServerCatalog, target: ExploreTarget, options: InitOptions): string {
  const name = slug(catalog.server.name);
  const ops = operationLines(catalog, options);
  const lines = [
    `# A starting scenario for ${catalog.server.name} ${catalog.server.version}, written by mcp-bench init.`,
    '# Check it with `mcp-bench validate <this file>`, run it with `mcp-bench run <this file>`.',
    `name: ${JSON.stringify(`${name}-explore`)}`,
    ...targetLines(target),
    'workloads:',
    '  # One call at a time: each operation\'s latency without contention.',
    '  - name: sequential',
    '    type: sequential',
    '    iterations: 100',
    '    warmup: 10',
    '    operations:',
    ...ops.map((line) => `      ${line}`),
    '  # Several calls in flight: how the server copes with concurrent requests.',
    '  - name: concurrent',
    '    type: concurrent',
    '    concurrency: 8',
    '    duration: 10s',
    '    warmup: 1s',
    '    operations:',
    ...ops.map((line) => `      ${line}`),
    '# Limits every workload must meet (exit 1 otherwise); edit to your service level.',
    'thresholds:',
    '  - "p99 < 500ms"',
    '  - "error_rate < 1%"',
  ];
  return `${lines.join('\n')}\n`;
}

/** The target as given, its secrets as `${NAME}` placeholders with a comment saying what to export. */
export function targetLines(target: ExploreTarget): string[] {
  if ('builtin' in target) return ['# The built-in reference server (mcp-bench serve); replace with your own server.', 'target:', '  builtin: {}'];
  if ('stdio' in target) {
    const { command, args = [], env = {}, cwd } = target.stdio;
    const names = Object.keys(env);
    return [
      ...exportComment(names.map(envName)),
      'target:',
      '  stdio:',
      `    command: ${JSON.stringify(command)}`,
      `    args: ${JSON.stringify(args)}`,
      ...(cwd !== undefined ? [`    cwd: ${JSON.stringify(cwd)}`] : []),
      ...(names.length > 0 ? ['    env:', ...names.map((n) => `      ${JSON.stringify(n)}: ${JSON.stringify(`\${${envName(n)}}`)}`)] : []),
    ];
  }
  const kind = 'http' in target ? 'http' : 'sse';
  const { url, headers = {} } = 'http' in target ? target.http : target.sse;
  const secretUrl = hideInUrls(url) !== url;
  const headerNames = Object.keys(headers);
  const vars = [...(secretUrl ? ['MCP_URL'] : []), ...headerNames.map(headerVar)];
  return [
    ...exportComment(vars),
    'target:',
    `  ${kind}:`,
    `    url: ${JSON.stringify(secretUrl ? '${MCP_URL}' : url)}`,
    ...(headerNames.length > 0 ? ['    headers:', ...headerNames.map((h) => `      ${JSON.stringify(h)}: ${JSON.stringify(`\${${headerVar(h)}}`)}`)] : []),
  ];
}

function exportComment(vars: readonly string[]): string[] {
  if (vars.length === 0) return [];
  return [`# Secrets are not written here: export ${vars.join(', ')} before running (e.g. export ${vars[0]}=…).`];
}

/** `Authorization` → `AUTHORIZATION`, `X-Api-Key` → `X_API_KEY`. */
export function headerVar(header: string): string {
  return envName(header.toUpperCase().replace(/[^A-Z0-9]+/g, '_'));
}

function envName(name: string): string {
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** One flow-style line per operation (and comments for what is left out); ping and tools/list when nothing else. */
export function operationLines(catalog: ServerCatalog, options: InitOptions): string[] {
  const lines: string[] = [];
  const left: string[] = [];
  for (const tool of catalog.tools ?? []) {
    if (!options.all && !isReadOnly(tool)) {
      left.push(tool.name);
      continue;
    }
    const { args, problems } = sampleArguments(tool.inputSchema);
    // `$${` writes a literal `${` (input/interpolate.ts): an example value is never read as a variable.
    const op = `- { tool: ${JSON.stringify(tool.name)}, args: ${JSON.stringify(args).replaceAll("${", () => "$${")} }`;
    if (problems.length === 0) lines.push(op);
    else lines.push(`# could not build valid arguments (${problems.join('; ')}); edit and uncomment:`, `# ${op}`);
  }
  if (left.length > 0) lines.push(`# Not read-only, left out (init --all writes them): ${left.join(', ')}`);
  const resources = catalog.resources ?? [];
  for (const resource of resources.slice(0, MAX_RESOURCES)) lines.push(`- { resource: ${JSON.stringify(resource.uri)} }`);
  if (resources.length > MAX_RESOURCES) lines.push(`# ${resources.length - MAX_RESOURCES} more resources not written`);
  if ((catalog.resourceTemplates ?? []).length > 0) lines.push(`# Resource templates (give their values to read one): ${(catalog.resourceTemplates ?? []).map((t) => t.uriTemplate).join(', ')}`);
  for (const prompt of catalog.prompts ?? []) {
    const args = Object.fromEntries((prompt.arguments ?? []).filter((a) => a.required === true).map((a) => [a.name, PROMPT_PLACEHOLDER]));
    lines.push(`- { prompt: ${JSON.stringify(prompt.name)}, args: ${JSON.stringify(args)} }`);
  }
  if (!lines.some((line) => line.startsWith('-'))) lines.push('# Nothing read-only to call: the bare protocol round trip instead.', '- { method: "ping" }', '- { method: "tools/list" }');
  return lines;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'server';
}
