/**
 * What the playback benches (player, integrity) share: a no-store static server for a built site,
 * the Chromium they measure in (autoplay without a gesture, no background traffic), and the median.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.mjs': 'text/javascript', '.map': 'application/json' };

export function staticServer(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = resolve(dir, `.${decodeURIComponent(new URL(req.url!, 'http://x').pathname)}`);
    if (!path.startsWith(dir) || !existsSync(path) || !statSync(path).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(readFileSync(path));
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => r({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

export function launchPlaybackChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
