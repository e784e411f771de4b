import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/uploader/ine-uploader.js';
import { registerTranslation, translate, matchLang } from '../../src/i18n/localize.js';

const englishFetched = () => performance.getEntriesByType('resource').some((e) => /elements\/uploader\/lang\/en\.ts/.test(e.name));

describe('localization', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('speaks es-MX by default', async () => {
    document.documentElement.removeAttribute('lang');
    const el = await fixture(html`<ine-uploader></ine-uploader>`);
    expect(el.shadowRoot!.textContent).to.contain('Arrastra aquí tus videos mp4');
    expect(englishFetched(), 'a Spanish page fetches no English strings').to.equal(false);
  });

  it("follows the document's lang and re-renders when it changes", async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(html`<ine-uploader></ine-uploader>`);
    // Fetched on first use; updateComplete waited for it and for the update that shows it.
    expect(englishFetched()).to.equal(true);
    expect(el.shadowRoot!.textContent).to.contain('Drag your mp4 videos here');
    document.documentElement.lang = 'es-MX';
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Arrastra aquí tus videos mp4');
  });

  it("prefers the element's own lang over the document's", async () => {
    document.documentElement.lang = 'es-MX';
    const el = await fixture(html`<ine-uploader lang="en"></ine-uploader>`);
    expect(el.shadowRoot!.textContent).to.contain('Drag your mp4 videos here');
  });

  it('switches language in the same update when the lang property changes', async () => {
    document.documentElement.lang = 'es-MX';
    const el = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(html`<ine-uploader></ine-uploader>`);
    expect(el.shadowRoot!.textContent).to.contain('Arrastra aquí tus videos mp4');
    el.lang = 'en';
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Drag your mp4 videos here');
    expect(el.getAttribute('lang')).to.equal('en');
  });

  it('falls back from a regional tag to its language, then to es-MX', () => {
    expect(matchLang('uploader', 'en-GB')).to.equal('en');
    expect(matchLang('uploader', 'es-ES')).to.equal('es-mx');
    expect(matchLang('uploader', 'fr')).to.equal('es-mx');
    registerTranslation('uploader', 'fr', { choose: 'Choisir des fichiers mp4' });
    expect(translate('uploader', 'fr-CA', 'choose')).to.equal('Choisir des fichiers mp4');
  });
});
