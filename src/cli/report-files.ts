import { createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, stat, writeFile } from 'node:fs/promises';
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

/**
 * Checks before a run that the report can be written where asked (so a long run does not end in a write error):
 * null when fine, else what is wrong.
 */
export async function reportPathProblem(file: string): Promise<string | null> {
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) return `-o ${file} is a folder; name a file, e.g. ${path.join(file, 'report.json')}`;
  let dir = path.dirname(file);
  for (;;) {
    const found = await stat(dir).catch(() => null);
    if (found) {
      if (!found.isDirectory()) return `-o ${file}: ${dir} is a file, not a folder`;
      return (await access(dir, 2 /* W_OK */).then(() => null, () => `-o ${file}: ${dir} is not writable`));
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
