// The player's source controller (src/elements/player/source-controller.ts) with a fake element
// and `<video>`: loading once per source, failing with the shared codes, and the automatic retry
// loop, in Node with mocked timers (no browser, no media).
import { test, mock, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveController } from 'lit';
import { SourceController, type SourceHost } from '../../../src/elements/player/source-controller.ts';
import type { SourceRequest } from '../../../src/playback/source-plan.ts';
import type { IneErrorCode } from '../../../src/internal/error-codes.ts';

/** What the controller touches of a `<video>`: records every source it is given. */
class FakeVideo extends EventTarget {
  srcs: string[] = [];
  crossOrigin: string | null = null;
  error: { code: number; message: string } | null = null;
  plays = 0;
  #src = '';
  get src() {
    return this.#src;
  }
  set src(url: string) {
    this.#src = url;
    this.srcs.push(url);
  }
  get currentSrc() {
    return this.#src;
  }
  canPlayType = () => '';
  getAttribute = (name: string) => (name === 'src' && this.#src ? this.#src : null);
  removeAttribute = () => void (this.#src = '');
  load = () => {};
  play = () => (this.plays++, Promise.resolve());
  pause = () => {};
}

class FakeHost extends EventTarget {
  video = new FakeVideo();
  autoplay = false;
  isConnected = true;
  updates = 0;
  controllers: ReactiveController[] = [];
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.updates++;
  }
  updateComplete = Promise.resolve(true);
  hasAttribute = (name: string) => name === 'src' && !!this.req.src;
  req: SourceRequest = {
    src: 'https://cdn.example/clip.mp4',
    videoId: '',
    cdnBaseUrl: '',
    engine: 'auto',
    start: '',
    end: '',
    preload: 'metadata',
    autoplay: false,
    crossorigin: '',
    baseUrl: 'https://page.example/',
  };
}

function setup() {
  const host = new FakeHost();
  const failures: IneErrorCode[] = [];
  const engines: string[] = [];
  host.addEventListener('ine-engine', (e) => engines.push((e as CustomEvent<{ engine: string }>).detail.engine));
  const source = new SourceController(host as unknown as SourceHost, {
    request: () => host.req,
    planned: () => {},
    replay: () => {},
    failed: (code) => failures.push(code),
  });
  for (const c of host.controllers) c.hostConnected?.();
  return { host, source, failures, engines, video: host.video };
}

/** Let the controller's awaits run (no timers involved). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** Fire the `<video>`'s error as the browser would, through the controller's media-event entry. */
function videoError(source: SourceController, video: FakeVideo, code: number) {
  video.error = { code, message: `MEDIA_ERR ${code}` };
  source.mediaEvent('error', video as unknown as HTMLVideoElement);
}

// The window's part the controller uses: `online` events, `navigator.onLine` (Node 20 has neither).
const realFetch = globalThis.fetch;
const g = globalThis as unknown as Record<string, unknown>;
const windowGlobals = ['addEventListener', 'removeEventListener', 'navigator'].filter((k) => !(k in globalThis));
const win = new EventTarget();
beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const fake: Record<string, unknown> = {
    addEventListener: win.addEventListener.bind(win),
    removeEventListener: win.removeEventListener.bind(win),
    navigator: { onLine: true },
  };
  for (const k of windowGlobals) Object.defineProperty(globalThis, k, { value: fake[k], configurable: true, writable: true });
});
afterEach(() => {
  mock.timers.reset();
  globalThis.fetch = realFetch;
  for (const k of windowGlobals) delete g[k];
});

test('loads a source once; a new src loads again; the engine is announced before the <video> gets it', async () => {
  const { host, source, video, engines } = setup();
  await source.load();
  await source.load();
  assert.deepEqual(video.srcs, ['https://cdn.example/clip.mp4']);
  assert.deepEqual(engines, ['progressive']);
  assert.equal(source.engine, 'progressive');
  host.req = { ...host.req, src: 'https://cdn.example/other.mp4#t=5,9' };
  await source.load();
  assert.deepEqual(video.srcs.at(-1), 'https://cdn.example/other.mp4');
  assert.deepEqual(source.range, { start: 5, end: 9 });
});

test('a network error is retried by itself 2, 4, 6… s later, six times in a row at most; playing resets the count', async () => {
  const { source, video, failures } = setup();
  await source.load();
  const loads = () => video.srcs.length;
  let expected = 1;
  for (let attempt = 0; attempt < 6; attempt++) {
    videoError(source, video, 2);
    assert.equal(source.error, 'Network');
    mock.timers.tick(2000 * (attempt + 1) - 1);
    await settle();
    assert.equal(loads(), expected, `retry ${attempt + 1} not before ${2000 * (attempt + 1)} ms`);
    mock.timers.tick(1);
    await settle();
    assert.equal(loads(), ++expected, `retry ${attempt + 1} loads the source again`);
    assert.equal(source.error, undefined, 'the error is cleared while retrying');
  }
  videoError(source, video, 2);
  mock.timers.tick(60_000);
  await settle();
  assert.equal(loads(), expected, 'no seventh retry in a row');
  assert.equal(source.error, 'Network', 'the error stays shown, with its button');
  assert.deepEqual(failures, Array(7).fill('Network'));
  // Playback running again starts a new series.
  source.retry();
  await settle();
  source.mediaEvent('playing', video as unknown as HTMLVideoElement);
  videoError(source, video, 2);
  mock.timers.tick(2000);
  await settle();
  assert.equal(loads(), expected + 2, 'retried by itself again after playing');
});

test('a source the <video> refuses: the HEAD status tells NotFound from Unsupported, neither retried by itself', async () => {
  for (const [status, code] of [
    [404, 'NotFound'],
    [200, 'Unsupported'],
  ] as const) {
    const { source, video, failures } = setup();
    globalThis.fetch = (async () => new Response(null, { status })) as typeof fetch;
    await source.load();
    videoError(source, video, 4);
    await settle();
    assert.deepEqual(failures, [code]);
    mock.timers.tick(120_000);
    await settle();
    assert.equal(video.srcs.length, 1, `${code}: not retried by itself`);
    source.retry();
    await settle();
    assert.equal(video.srcs.length, 2, `${code}: the button loads the source again`);
    assert.equal(source.error, undefined);
  }
});

test('nothing to play: a bad src says NoSource; coming online retries only network trouble', async () => {
  const { host, source, failures, video } = setup();
  host.req = { ...host.req, src: 'http://[bad' };
  await source.load();
  assert.deepEqual(failures, ['NoSource']);
  assert.equal(video.srcs.length, 0);
  host.req = { ...host.req, src: 'https://cdn.example/clip.mp4' };
  await source.load();
  videoError(source, video, 3);
  assert.equal(source.error, 'Decode');
  win.dispatchEvent(new Event('online'));
  await settle();
  assert.equal(video.srcs.length, 1, 'Decode: online changes nothing');
  source.retry();
  await settle();
  videoError(source, video, 2);
  win.dispatchEvent(new Event('online'));
  await settle();
  assert.equal(video.srcs.length, 3, 'Network: online retries at once, before the timer');
  assert.equal(source.error, undefined);
});

test('disconnecting stops the source and its pending retry', async () => {
  const { host, source, video } = setup();
  await source.load();
  videoError(source, video, 2);
  for (const c of host.controllers) c.hostDisconnected?.();
  mock.timers.tick(60_000);
  await settle();
  assert.equal(video.srcs.length, 1, 'no retry after disconnection');
  assert.equal(video.src, '', 'the <video> is emptied');
});
