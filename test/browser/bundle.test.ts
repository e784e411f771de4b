import { expect } from '@open-wc/testing';

/** Load a page in an iframe and wait until `check` holds or time runs out. */
async function loadPage(url: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = url;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  return frame;
}

describe('dist/ine-elements.js on a plain HTML page (run `npm run build` first)', () => {
  it('registers all three elements without a bundler', async () => {
    const frame = await loadPage('/test/fixtures/bundle-page.html');
    const win = frame.contentWindow as Window & typeof globalThis;
    await Promise.all(['ine-player', 'ine-uploader', 'ine-catalog'].map((t) => win.customElements.whenDefined(t)));
    for (const tag of ['ine-player', 'ine-uploader', 'ine-catalog']) {
      expect(win.customElements.get(tag), tag).to.be.a('function');
      const el = win.document.querySelector(tag)!;
      expect(el.shadowRoot, `${tag} rendered`).to.not.equal(null);
    }
    frame.remove();
  });

  it('does not download hls.js or the AWS SDK in the first download', async () => {
    const frame = await loadPage('/test/fixtures/bundle-page.html');
    const win = frame.contentWindow as Window & typeof globalThis;
    await Promise.all(['ine-player', 'ine-uploader', 'ine-catalog'].map((t) => win.customElements.whenDefined(t)));
    await new Promise((r) => setTimeout(r, 300));
    const loaded = win.performance.getEntriesByType('resource').map((e) => e.name);
    const scripts = loaded.filter((n) => n.endsWith('.js'));
    expect(scripts.some((n) => n.includes('/dist/ine-elements.js'))).to.equal(true);
    expect(
      scripts.filter((n) => /\/chunks\/(hls|aws-sdk)-/.test(n)),
      'heavy chunks',
    ).to.deep.equal([]);
    // And the content itself: none of the loaded scripts contains the engines' code.
    for (const url of scripts) {
      const text = await (await fetch(url)).text();
      // Markers only the engines contain: hls.js's event names, the SDK's user-agent header.
      expect(/hlsFragLoading|hlsManifestParsed/.test(text), `${url} has hls.js`).to.equal(false);
      expect(/aws-sdk-js|x-amz-user-agent/.test(text), `${url} has the AWS SDK`).to.equal(false);
    }
    frame.remove();
  });
});
