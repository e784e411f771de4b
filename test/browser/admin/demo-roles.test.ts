/**
 * The demo's admin page after login, per role (issue 16): the page's own markup (demo/admin.html)
 * and workspace code (demo/admin-workspace.ts) with real logins at the stand-in. An uploader gets
 * the uploader and no catalog; a viewer is told plainly it has no rights, with nothing to retry; an
 * admin gets both; focus lands on the main heading each time. Both languages, axe clean.
 */
import { expect } from '@open-wc/testing';
import '../../../src/elements/catalog/ine-catalog.js';
import '../../../src/elements/uploader/ine-uploader.js';
import { setupLanguage } from '../../../demo/i18n.ts';
import { hideWorkspace, showWorkspace } from '../../../demo/admin-workspace.ts';
import { loadAxe } from '../support/axe.js';
import { signIn } from '../catalog/helpers.js';

let main: HTMLElement;

before(async () => {
  const page = new DOMParser().parseFromString(await (await fetch('/demo/admin.html')).text(), 'text/html');
  main = document.importNode(page.querySelector('main')!, true);
  document.body.append(main);
});
after(() => {
  main.remove();
  localStorage.removeItem('ine-demo-lang');
  document.documentElement.lang = 'es-MX';
});
afterEach(() => hideWorkspace());

const visible = (id: string) => !document.getElementById(id)!.closest('[hidden]');
const violations = async () =>
  ((await (await loadAxe()).run(main, { resultTypes: ['violations'] })).violations as Array<{ id: string }>).map((v) => v.id);
const buttonsSaying = (word: RegExp) =>
  [...main.querySelectorAll('*')]
    .flatMap((n) => [n, ...(n.shadowRoot ? n.shadowRoot.querySelectorAll('button') : [])])
    .filter((b) => b.tagName === 'BUTTON' && word.test(b.textContent ?? ''));

for (const lang of ['es-MX', 'en'] as const) {
  describe(`demo admin page by role (${lang})`, function () {
    this.timeout(60_000);
    before(() => {
      localStorage.setItem('ine-demo-lang', lang);
      setupLanguage();
    });

    it('an uploader sees the uploader, not the catalog; focus on the main heading', async () => {
      await signIn('uploader');
      const { uploader, catalog } = showWorkspace('uploader');
      expect(uploader?.tagName).to.equal('INE-UPLOADER');
      expect(catalog).to.equal(undefined);
      expect(visible('upload-section')).to.equal(true);
      expect(visible('manage-section')).to.equal(false);
      expect(main.querySelector('ine-catalog')).to.equal(null);
      expect(visible('no-rights')).to.equal(false);
      expect(document.activeElement).to.equal(main.querySelector('h1'));
      expect(document.getElementById('workspace-lead')!.textContent).to.match(lang === 'en' ? /My uploads/ : /Mis envíos/);
      expect(await violations()).to.deep.equal([]);
    });

    it('a viewer is told plainly it has no upload or admin rights, with nothing to retry', async () => {
      await signIn('viewer');
      const { uploader, catalog } = showWorkspace('viewer');
      expect(uploader).to.equal(undefined);
      expect(catalog).to.equal(undefined);
      expect(visible('no-rights')).to.equal(true);
      expect(visible('upload-section')).to.equal(false);
      expect(visible('manage-section')).to.equal(false);
      expect(document.getElementById('workspace-lead')!.textContent).to.equal(
        lang === 'en' ? 'This account has no rights to upload or manage clips.' : 'Esta cuenta no tiene permiso para subir ni administrar clips.',
      );
      expect(buttonsSaying(/Reintentar|Retry/)).to.deep.equal([]);
      expect(document.activeElement).to.equal(main.querySelector('h1'));
      expect(await violations()).to.deep.equal([]);
    });

    it('an admin gets the uploader and the whole catalog', async () => {
      await signIn('admin');
      const { uploader, catalog } = showWorkspace('admin');
      expect(uploader?.tagName).to.equal('INE-UPLOADER');
      expect(catalog?.hasAttribute('admin')).to.equal(true);
      expect(visible('manage-section')).to.equal(true);
      await (catalog as HTMLElement & { loaded: Promise<void> }).loaded;
      expect(document.activeElement).to.equal(main.querySelector('h1'));
      expect(await violations()).to.deep.equal([]);
    });
  });
}
