/**
 * `npm run screenshots [viewer|uploader|admin ...]`: each role's path through the demo, at a laptop
 * (1366×768) and a phone (390×844) size, as PNGs in docs/screenshots/ (`<role>-<step>-<size>.png`,
 * listed in docs/screenshots.md). Rerun it whenever a page changes.
 *
 * Against `INE_DEMO_URL` (an `npm start` already running; `INE_DEMO_PASSWORD` if not the default),
 * or else a demo of its own: `npm start` on free ports with a fresh data folder (built and seeded
 * first, a minute or two). Debian's Chromium (`CHROME_PATH` to use another).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startDemoProcess, type DemoProcess } from './lib/demo-process.ts';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
} as const;
type Shot = (name: string) => Promise<void>;

/** Until the page's elements have settled (catalog loaded, player ready or telling why not). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      const catalogs = [...document.querySelectorAll('ine-catalog')] as Array<HTMLElement & { loaded?: Promise<void> }>;
      await Promise.all(catalogs.map((c) => c.loaded));
      const player = document.querySelector('ine-player');
      return !player || !!player.shadowRoot?.querySelector('[part~="big-play"], [part="error"], [part="empty"], [part="controls"]');
    },
    null,
    { timeout: 60_000, polling: 200 },
  );
}

async function signIn(page: Page, base: string, user: string, password: string): Promise<void> {
  await page.goto(`${base}/admin.html`);
  await page.fill('input[name="username"]', user);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  // The pages are pictured as they are: a sign-in that leads nowhere is reported, and pictured too.
  await page.waitForSelector('#workspace:not([hidden]), #login-error:not([hidden])', { timeout: 30_000 }).catch(() => {
    console.warn(`  ${user}: signing in showed neither the workspace nor an error within 30 s`);
  });
}

const PATHS: Record<string, (page: Page, base: string, password: string, shot: Shot) => Promise<void>> = {
  async viewer(page, base, _password, shot) {
    await page.goto(`${base}/`);
    await settled(page);
    await shot('1-arrive');
    await page.locator('ine-catalog input[name="search"]').fill('muestra');
    await page.locator('ine-catalog [role="option"]').first().click();
    await settled(page);
    await shot('2-choose');
    await page.locator('ine-player [part~="big-play"]').click();
    await page.waitForFunction(() => document.querySelector('ine-player')!.currentTime > 2, null, { timeout: 60_000 });
    await page.evaluate(() => document.querySelector('ine-player')!.pause());
    await page.locator('ine-player [part="base"]').focus();
    await shot('3-play');
  },
  async uploader(page, base, password, shot) {
    await page.goto(`${base}/admin.html`);
    await shot('1-sign-in');
    await signIn(page, base, 'uploader', password);
    await settled(page);
    await shot('2-workspace');
    // One real upload, followed in "Mis envíos" until it waits for review.
    await page.setInputFiles('ine-uploader input[type="file"]', sampleMp4());
    await page.fill('ine-uploader [part~="item"] input[name="title"]', 'Conferencia de prensa vespertina');
    await shot('3-details');
    await page.click('ine-uploader [part~="item"] button[type="submit"]');
    await page
      .waitForSelector('ine-uploader [part~="my-upload"][data-stage="review"]', { timeout: 120_000 })
      .catch(() => console.warn('  uploader: the upload did not reach "ready for review" within 2 min'));
    await shot('4-my-uploads');
  },
  async admin(page, base, password, shot) {
    await signIn(page, base, 'admin', password);
    await settled(page);
    await shot('1-workspace');
    const first = page.locator('ine-catalog [role="option"]').first();
    if (await first.count()) {
      await first.click();
      await page.waitForSelector('ine-catalog dialog[open]', { timeout: 30_000 }).catch(() => console.warn('  admin: no editor opened'));
      // The form and the draft preview's player, not their loading lines.
      await page
        .waitForSelector('ine-catalog dialog[open] input[name="title"]', { timeout: 30_000 })
        .catch(() => console.warn('  admin: the clip form did not load'));
      await page
        .waitForFunction(() => !!document.querySelector('ine-catalog')?.shadowRoot?.querySelector('[part="preview"]'), null, { timeout: 30_000 })
        .catch(() => console.warn('  admin: no draft preview'));
      await shot('2-editor');
    }
  },
};

/** A short clip made with ffmpeg (once per run), as an uploader would pick it. */
let sample: string | undefined;
function sampleMp4(): string {
  if (sample) return sample;
  const dir = mkdtempSync(join(tmpdir(), 'ine-screenshots-clip-'));
  sample = join(dir, 'conferencia-vespertina.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=30:duration=4',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=4',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
    '-movflags',
    '+faststart',
    sample,
  ]);
  return sample;
}

const roles = process.argv.slice(2).filter((r) => r in PATHS);
const wanted = roles.length ? roles : Object.keys(PATHS);
let demo: DemoProcess | undefined;
let dataDir: string | undefined;
let base = process.env.INE_DEMO_URL?.replace(/\/+$/, '');
let password = process.env.INE_DEMO_PASSWORD ?? '';
if (!base) {
  dataDir = mkdtempSync(join(tmpdir(), 'ine-screenshots-'));
  console.log('Starting a demo of its own (npm start on free ports; building and seeding take a minute or two)…');
  demo = await startDemoProcess(dataDir);
  base = demo.url;
  password = demo.password;
}
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const role of wanted) {
    for (const [size, options] of Object.entries(SIZES)) {
      const context = await browser.newContext({ ...options, locale: 'es-MX', reducedMotion: 'reduce' });
      const page = await context.newPage();
      const shot: Shot = async (name) => {
        const file = join(out, `${role}-${name}-${size}.png`);
        await page.screenshot({ path: file });
        console.log(`  ${file}`);
      };
      await PATHS[role]!(page, base, password, shot);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
