import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** `reports/<scenario>-<UTC timestamp>.json` under the working directory. */
export function defaultReportPath(cwd: string, scenarioName: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*$/, '');
  const slug = scenarioName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
  return path.join(cwd, 'reports', `${slug}-${stamp}.json`);
}

/** The spawned server's stderr log sits beside the report: `x.json` → `x.server.log`. */
export function serverLogPath(reportPath: string): string {
  return reportPath.replace(/\.json$/i, '') + '.server.log';
}

export async function openLogFile(file: string): Promise<WriteStream> {
  await mkdir(path.dirname(file), { recursive: true });
  return createWriteStream(file, { flags: 'w' });
}

export async function writeReport(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content, 'utf8');
}
