/**
 * `mcp-bench list`'s text, purely from a ServerCatalog: server, protocol, capabilities, instructions, then each list
 * (tools with their hints, required arguments and output schema; resources; templates; prompts with arguments).
 * Every line fits `width` columns: descriptions are wrapped, and shortened with … past a few lines.
 */
import type { Prompt, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ServerCatalog } from './catalog.js';

/** Lines of description shown per item at most. */
export const DESCRIPTION_LINES = 2;
const INSTRUCTION_LINES = 6;

export function renderCatalog(catalog: ServerCatalog, width = 100): string {
  const w = Math.max(40, width);
  const { server } = catalog;
  const lines = [`Server        ${server.name} ${server.version}`, `Protocol      ${server.protocolVersion ?? 'not told'}`];
  lines.push(...wrap(capabilityWords(catalog.capabilities), w, DESCRIPTION_LINES + 2, 'Capabilities  '));
  if (catalog.instructions !== null) lines.push(...wrap(catalog.instructions, w, INSTRUCTION_LINES, 'Instructions  '));
  lines.push(...section('Tools', catalog.tools, w, toolLines));
  lines.push(...section('Resources', catalog.resources, w, (r, width) => [`  ${r.uri}${named(r.name, r.uri)}${r.mimeType ? `  (${r.mimeType})` : ''}`, ...describe(r.description, width)]));
  lines.push(...section('Resource templates', catalog.resourceTemplates, w, (t, width) => [`  ${t.uriTemplate}${named(t.name, t.uriTemplate)}`, ...describe(t.description, width)]));
  lines.push(...section('Prompts', catalog.prompts, w, promptLines));
  if (catalog.problems.length > 0) lines.push('', 'Problems', ...catalog.problems.map((p) => `  ${p}`));
  return `${lines.map((line) => clip(line, w)).join('\n')}\n`;
}

/** `tools (listChanged), resources (subscribe, listChanged), logging`. */
export function capabilityWords(capabilities: Readonly<Record<string, unknown>>): string {
  const words = Object.entries(capabilities).map(([name, value]) => {
    const flags = typeof value === 'object' && value !== null ? Object.entries(value).filter(([, on]) => on === true).map(([flag]) => flag) : [];
    return flags.length > 0 ? `${name} (${flags.join(', ')})` : name;
  });
  return words.length > 0 ? words.join(', ') : 'none declared';
}

function section<T>(title: string, items: readonly T[] | null, width: number, render: (item: T, width: number) => string[]): string[] {
  if (items === null) return ['', `${title}: not offered (capability not declared)`];
  return ['', `${title} (${items.length})`, ...items.flatMap((item) => render(item, width))];
}

function toolLines(tool: Tool, width: number): string[] {
  const hints = hintWords(tool);
  const head = `  ${tool.name}${hints.length > 0 ? `  [${hints.join(', ')}]` : ''}${tool.outputSchema ? '  → output schema' : ''}`;
  return [head, `      args: ${argumentSummary(tool.inputSchema)}`, ...describe(tool.description, width)];
}

/** The annotations a tool carries, in words: read-only, destructive, idempotent, open-world (and their negations). */
export function hintWords(tool: Tool): string[] {
  const a = tool.annotations ?? {};
  const words: string[] = [];
  if (a.readOnlyHint !== undefined) words.push(a.readOnlyHint ? 'read-only' : 'mutating');
  if (a.destructiveHint !== undefined) words.push(a.destructiveHint ? 'destructive' : 'non-destructive');
  if (a.idempotentHint !== undefined) words.push(a.idempotentHint ? 'idempotent' : 'not idempotent');
  if (a.openWorldHint !== undefined) words.push(a.openWorldHint ? 'open-world' : 'closed-world');
  return words;
}

/** `path: string, count: integer; +2 optional` — the required arguments with their types, then how many are optional. */
export function argumentSummary(inputSchema: unknown): string {
  const schema = (inputSchema ?? {}) as { properties?: Record<string, unknown>; required?: unknown };
  const properties = schema.properties ?? {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const shown = required.map((name) => `${name}: ${typeWord(properties[name])}`);
  const optional = Object.keys(properties).filter((name) => !required.includes(name)).length;
  if (optional > 0) shown.push(`+${optional} optional`);
  return shown.length > 0 ? shown.join(', ') : 'none';
}

function typeWord(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return 'any';
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).slice(0, 4).join('|') + (s.enum.length > 4 ? '|…' : '');
  if (typeof s.type === 'string') return s.type === 'array' ? `${typeWord(s.items)}[]` : s.type;
  if (Array.isArray(s.type)) return s.type.join('|');
  if (typeof s.$ref === 'string') return s.$ref.replace(/^#\/(\$defs|definitions)\//, '');
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return ((s.anyOf ?? s.oneOf) as unknown[]).map(typeWord).join('|');
  return 'any';
}

function promptLines(prompt: Prompt, width: number): string[] {
  const args = (prompt.arguments ?? []).map((a) => `${a.name}${a.required ? '*' : ''}`);
  return [`  ${prompt.name}(${args.join(', ')})`, ...describe(prompt.description, width)];
}

function named(name: string | undefined, beside: string): string {
  return name && name !== beside ? `  ${name}` : '';
}

function describe(text: string | undefined, width: number): string[] {
  return text ? wrap(text, width, DESCRIPTION_LINES, '      ') : [];
}

/**
 * `text` in lines of at most `width` columns, the first after `lead` and the rest indented as deep; at most
 * `maxLines`, the last ending in … when text was left out.
 */
export function wrap(text: string, width: number, maxLines: number, lead: string): string[] {
  const indent = ' '.repeat(lead.length);
  const room = Math.max(10, width - lead.length);
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const piece = word.length > room ? `${word.slice(0, room - 1)}…` : word;
    if (current === '' || current.length + 1 + piece.length <= room) current = current === '' ? piece : `${current} ${piece}`;
    else {
      lines.push(current);
      current = piece;
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    const last = lines[maxLines - 1] as string;
    lines[maxLines - 1] = `${last.length >= room ? last.slice(0, room - 1) : last}…`;
  }
  return lines.map((line, i) => (i === 0 ? lead : indent) + line);
}

function clip(line: string, width: number): string {
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}
