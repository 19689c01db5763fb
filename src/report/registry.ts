import path from 'node:path';
import type { RunSummary } from '../summary/summary.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

/**
 * Every report format by name, for `--format` and `-o`: how to render it and the file extension it is written with.
 * Reporters stay pure `Summary → string`; only the table uses options (colour, which the CLI decides from the
 * stream: files are always written without colour).
 */
export const REPORT_FORMATS = ['table', 'json', 'markdown', 'junit', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour in the table; ignored by every other format. */
  readonly color: boolean;
}

export interface Reporter {
  readonly render: (summary: RunSummary, options: RenderOptions) => string;
  /** With the dot: `.json`. */
  readonly extension: string;
}

export const REPORTERS: Readonly<Record<ReportFormat, Reporter>> = {
  table: { render: (summary, options) => renderTable(summary, { color: options.color }), extension: '.txt' },
  json: { render: (summary) => renderJson(summary), extension: '.json' },
  markdown: { render: (summary) => renderMarkdown(summary), extension: '.md' },
  junit: { render: (summary) => renderJunit(summary), extension: '.xml' },
  html: { render: (summary) => renderHtml(summary), extension: '.html' },
};

export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

const BY_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.xml': 'junit',
  '.html': 'html',
  '.htm': 'html',
  // A text file gets the terminal table; written to a file it has no colour (RenderOptions.color: false).
  '.txt': 'table',
};

/** The format a report path asks for by its extension (case-insensitive); null when the extension names none. */
export function formatFromPath(file: string): ReportFormat | null {
  return BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}
