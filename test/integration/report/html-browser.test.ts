import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { renderHtml } from '../../../src/report/html.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';

/**
 * The HTML report in a real browser: headless Chromium (Debian's `chromium` package) screenshots the gated fixture's
 * report, and the picture must show the plots' ink, not a blank or broken page. Skipped where no Chromium is
 * installed (CI reaches the npm registry only).
 */
const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'html-screenshot.sh');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env['CHROMIUM'] ?? ''].find((p) => p !== '' && existsSync(p)) ?? null;
const SKIP = CHROMIUM === null ? 'no Chromium binary (apt-get install -y chromium); CI has only the npm registry' : false;
const BROWSER_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

interface Png {
  readonly width: number;
  readonly height: number;
  /** RGB(A) rows, unfiltered. */
  readonly pixel: (x: number, y: number) => readonly [number, number, number];
}

/** A minimal PNG reader for Chromium's screenshots: 8-bit RGB or RGBA, not interlaced. */
function readPng(bytes: Buffer): Png {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const [depth, colorType, , , interlace] = [...bytes.subarray(24, 29)];
  assert.ok(depth === 8 && (colorType === 2 || colorType === 6) && interlace === 0, `8-bit RGB(A), got depth ${depth} type ${colorType}`);
  const channels = colorType === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? out[y * stride + i - channels] ?? 0 : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] ?? 0 : 0;
      const c = i >= channels && y > 0 ? out[(y - 1) * stride + i - channels] ?? 0 : 0;
      out[y * stride + i] = (x + unfilter(filter, a, b, c)) & 0xff;
    }
  }
  return { width, height, pixel: (x, y) => [out[y * stride + x * channels] ?? 0, out[y * stride + x * channels + 1] ?? 0, out[y * stride + x * channels + 2] ?? 0] };
}

function unfilter(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 1: return a;
    case 2: return b;
    case 3: return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default: return 0;
  }
}

/** Pixels within `tolerance` of a colour (anti-aliasing blends the edges of a 2px line). */
function countColour(png: Png, [r, g, b]: readonly [number, number, number], tolerance = 24): number {
  let n = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const [pr, pg, pb] = png.pixel(x, y);
      if (Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) <= tolerance) n++;
    }
  }
  return n;
}

describe('HTML report in headless Chromium', { skip: SKIP, timeout: 180_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcp-bench-html-'));
  const report = path.join(dir, 'report.html');
  writeFileSync(report, renderHtml(fixtureGatedSummary()));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the plots: the screenshot is a full page with the series colours on it', async () => {
    const png = path.join(dir, 'report.png');
    const { stdout } = await run('bash', [SCRIPT, report, png, '1280', '3600'], { env: { ...process.env, CHROMIUM: CHROMIUM ?? '' }, timeout: 120_000 });
    assert.equal(stdout.trim(), png);
    const bytes = readFileSync(png);
    assert.ok(bytes.length > 50_000, `a screenshot of some substance: ${bytes.length} bytes`);
    const image = readPng(bytes);
    assert.deepEqual([image.width, image.height], [1280, 3600]);
    const blue = countColour(image, [0x00, 0x72, 0xb2]); // first series (Okabe–Ito blue)
    const vermilion = countColour(image, [0xd5, 0x5e, 0x00]); // second series
    assert.ok(blue > 2_000, `blue series lines drawn: ${blue} px`);
    assert.ok(vermilion > 1_000, `vermilion series lines drawn: ${vermilion} px`);
  });

  it('lays out every plot the report holds (the DOM after parsing has them all)', async () => {
    const { stdout } = await run(CHROMIUM ?? 'chromium', [...BROWSER_FLAGS, `--user-data-dir=${path.join(dir, 'profile')}`, '--dump-dom', `file://${report}`], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    const count = (pattern: RegExp): number => stdout.match(pattern)?.length ?? 0;
    assert.equal(count(/<svg class="plot percentiles"/g), 3);
    assert.equal(count(/<svg class="plot throughput"/g), 2);
    assert.equal(count(/<svg class="plot latency-over-time"/g), 2);
    assert.equal(count(/<svg class="plot ratios"/g), 1);
    assert.match(stdout, /<h1>mcp-bench · fixture<\/h1>/);
  });
});
