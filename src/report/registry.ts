import path from 'node:path';
import type { RunSummary } from '../summary/summary.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export interface RenderOptions {
  /** ANSI colour in the table; ignored by every other format. */
  readonly color: boolean;
  /** The terminal width the table fits in; undefined (files, pipes): no limit. Ignored by every other format. */
  readonly width?: number;
}

export interface Reporter {
  readonly render: (summary: RunSummary, options: RenderOptions) => string;
  /** The extension it is written with, with the dot: `.json`. */
  readonly extension: string;
  /** Other extensions a report path may end in to ask for it: `.markdown`. */
  readonly alsoExtensions?: readonly string[];
  /** Other names `--format` takes for it: `md`. */
  readonly aliases?: readonly string[];
  /** What the extension does not say, for help and errors: `.xml (JUnit)`. */
  readonly note?: string;
}

/**
 * Every report format, declared once, for `--format` and `-o`: how to render it, the file extensions it is written
 * with and recognised by, the other names `--format` takes for it, and what its extension alone does not say. The
 * CLI's flag help and errors list them from here, so a new format is its renderer and one entry below. Reporters
 * stay pure `Summary → string`; only the table uses options (colour, which the CLI decides from the stream: files are
 * always written without colour).
 */
const DECLARED = {
  table: {
    render: (summary, options) => renderTable(summary, { color: options.color, ...(options.width !== undefined && { width: options.width }) }),
    // A text file gets the terminal table; written to a file it has no colour (RenderOptions.color: false).
    extension: '.txt',
    aliases: ['txt', 'text'],
    note: 'table',
  },
  json: { render: (summary) => renderJson(summary), extension: '.json' },
  markdown: { render: (summary) => renderMarkdown(summary), extension: '.md', alsoExtensions: ['.markdown'], aliases: ['md'] },
  junit: { render: (summary) => renderJunit(summary), extension: '.xml', note: 'JUnit' },
  html: { render: (summary) => renderHtml(summary), extension: '.html', alsoExtensions: ['.htm'] },
  csv: { render: (summary) => renderCsv(summary), extension: '.csv' },
} satisfies Readonly<Record<string, Reporter>>;

export type ReportFormat = keyof typeof DECLARED;
export const REPORTERS: Readonly<Record<ReportFormat, Reporter>> = DECLARED;
/** In the order help and errors list them. */
export const REPORT_FORMATS = Object.keys(REPORTERS) as readonly ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

/** The format `--format` names, by its name, another name for it (`md`) or an extension (`xml`, `.htm`); null when none. */
export function formatNamed(name: string): ReportFormat | null {
  const wanted = name.toLowerCase();
  if (isReportFormat(wanted)) return wanted;
  const byAlias = REPORT_FORMATS.find((format) => REPORTERS[format].aliases?.includes(wanted));
  return byAlias ?? BY_EXTENSION.get(wanted.startsWith('.') ? wanted : `.${wanted}`) ?? null;
}

/** Every name `--format` takes with the others it is known by, for help and errors: `markdown (md)`, `junit (xml)`. */
export const FORMAT_NAMES_SHOWN: readonly string[] = REPORT_FORMATS.map((format) => {
  const { aliases = [], extension, alsoExtensions = [] } = REPORTERS[format];
  const others = [...new Set([...aliases, ...[extension, ...alsoExtensions].map((ext) => ext.slice(1))])].filter((other) => other !== format);
  return others.length === 0 ? format : `${format} (${others.join(', ')})`;
});

/** Every word `--format` takes, for did-you-mean. */
export const FORMAT_WORDS: readonly string[] = REPORT_FORMATS.flatMap((format) => [format, ...(REPORTERS[format].aliases ?? [])]);

const BY_EXTENSION: ReadonlyMap<string, ReportFormat> = new Map(
  REPORT_FORMATS.flatMap((format) => [REPORTERS[format].extension, ...(REPORTERS[format].alsoExtensions ?? [])].map((ext) => [ext, format] as const)),
);

/** The format a report path asks for by its extension (case-insensitive); null when the extension names none. */
export function formatFromPath(file: string): ReportFormat | null {
  return BY_EXTENSION.get(path.extname(file).toLowerCase()) ?? null;
}

/** Each format's extension with what it does not say, for help and errors: `.txt (table)`, `.json`, `.xml (JUnit)`. */
export const EXTENSIONS_SHOWN: readonly string[] = REPORT_FORMATS.map((format) => {
  const { extension, note } = REPORTERS[format];
  return note === undefined ? extension : `${extension} (${note})`;
});
