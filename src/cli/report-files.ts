import { constants, createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** `reports/<scenario>-<UTC timestamp>.json` under the working directory. */
export function defaultReportPath(cwd: string, scenarioName: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*$/, '');
  const slug = scenarioName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
  return path.join(defaultReportDir(cwd), `${slug}-${stamp}.json`);
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

/** The folder the default report goes to; the only one mcp-bench creates (a named folder must exist). */
export function defaultReportDir(cwd: string): string {
  return path.join(cwd, 'reports');
}

const WHY: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'files cannot be created there',
  ENOSPC: 'no space left on the device',
};

/**
 * Checks before a run that the report can be written where asked, so a long run does not end in a write error:
 * null when fine, else what is wrong. Proven by opening the file for writing (an existing report is not truncated;
 * a new one is created and removed again). A missing folder is an error, not created: a typo in `-o` should not
 * leave a tree of folders behind. Only the default reports/ folder is created when the report is written.
 */
export async function reportPathProblem(file: string, cwd: string): Promise<string | null> {
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) return `-o ${file} is a folder; name a file, e.g. ${path.join(file, 'report.json')}`;
  const dir = path.dirname(file);
  const folder = await stat(dir).catch(() => null);
  if (folder === null) {
    if (dir === defaultReportDir(cwd)) return ancestorProblem(file, dir);
    return `-o ${file}: the folder ${dir} does not exist; create it first (mkdir -p ${dir}) or name another path`;
  }
  if (!folder.isDirectory()) return `-o ${file}: ${dir} is a file, not a folder`;
  if (existing !== null && !existing.isFile()) return `-o ${file} is not a regular file; name a file to write the report to`;
  try {
    // O_NONBLOCK: never wait on a FIFO that happens to sit at that path.
    const handle = await open(file, existing ? constants.O_WRONLY | constants.O_NONBLOCK : 'wx');
    await handle.close();
    if (!existing) await rm(file, { force: true });
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return `-o ${file}: cannot be written (${WHY[code] ?? code})`;
  }
}

/** The default folder does not exist yet: it is created later, so its nearest existing ancestor must be writable. */
async function ancestorProblem(file: string, dir: string): Promise<string | null> {
  for (let at = path.dirname(dir); ; at = path.dirname(at)) {
    const found = await stat(at).catch(() => null);
    if (found) {
      if (!found.isDirectory()) return `-o ${file}: ${at} is a file, not a folder`;
      return access(at, constants.W_OK).then(() => null, () => `-o ${file}: ${at} is not writable`);
    }
    if (path.dirname(at) === at) return null;
  }
}
