// <ine-catalog> for viewers, against the local stand-in's CDN: search with accents, filters, sort,
// keyboard, selection driving a player, HTML in metadata shown as text, accessibility (axe-core).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/catalog/ine-catalog.js';
import type { IneCatalog } from '../../../src/elements/catalog/ine-catalog.js';
import { memorySource } from '../../../src/catalog/reader.js';
import { axe, choose, ready, record, seed, settled, shadow, signIn, titles, typeSearch, uniqueWord } from './helpers.js';

describe('<ine-catalog> viewer', function () {
  this.timeout(120_000);
  const word = uniqueWord();
  before(async () => {
    await signIn('admin');
    await seed([
      record({
        metadata: {
          title: `Elección en Querétaro ${word}`,
          outlet: 'Canal Once',
          program: 'Once Noticias',
          state: 'Querétaro',
          tags: ['elecciones'],
          actors: ['Morena'],
          broadcastAt: '2024-05-03T20:00:00-06:00',
        },
        durationSeconds: 30,
      }),
      record({
        metadata: {
          title: `Debate en Jalisco ${word}`,
          description: 'Rumbo a la elección',
          outlet: 'Televisa',
          state: 'Jalisco',
          tags: ['debate'],
          actors: ['Movimiento Ciudadano', 'Morena'],
          broadcastAt: '2024-05-05T21:00:00-06:00',
        },
        durationSeconds: 300,
      }),
      record({
        metadata: {
          title: `Día del niño ${word}`,
          outlet: 'Canal Once',
          state: 'Jalisco',
          tags: ['niñez'],
          broadcastAt: '2024-04-30T09:00:00-06:00',
        },
        durationSeconds: 120,
      }),
      record({ published: false, metadata: { title: `Borrador de elección ${word}`, outlet: 'Milenio' } }),
      record({ status: 'processing', metadata: { title: `Elección procesando ${word}`, outlet: 'Milenio' } }),
    ]);
  });

  it('finds "Elección" by typing "eleccion", ranks title matches first, and never lists drafts', async () => {
    const el = await fixture<IneCatalog>(html`<ine-catalog lang="es-MX"></ine-catalog>`);
    await ready(el);
    await typeSearch(el, `eleccion ${word}`);
    expect(titles(el)).to.deep.equal([`Elección en Querétaro ${word}`, `Debate en Jalisco ${word}`]);
    await typeSearch(el, `ELEC ${word.slice(0, 6)}`);
    expect(titles(el)[0]).to.equal(`Elección en Querétaro ${word}`);
    await typeSearch(el, `nino ${word}`);
    expect(titles(el)).to.deep.equal([`Día del niño ${word}`]);
    await typeSearch(el, word);
    expect(titles(el)).to.have.length(3);
    expect(titles(el).join()).not.to.contain('Borrador');
    expect(titles(el).join()).not.to.contain('procesando');
    expect(shadow(el).querySelector('[role="status"]')!.textContent).to.contain('3');
  });

  it('filters by outlet, state, tag and date, and sorts by title and duration', async () => {
    const el = await fixture<IneCatalog>(html`<ine-catalog></ine-catalog>`);
    await ready(el);
    await typeSearch(el, word);
    await choose(el, 'filter-outlet', 'Canal Once');
    expect(titles(el).sort()).to.deep.equal([`Día del niño ${word}`, `Elección en Querétaro ${word}`]);
    await choose(el, 'filter-state', 'Jalisco');
    expect(titles(el)).to.deep.equal([`Día del niño ${word}`]);
    await choose(el, 'filter-outlet', '');
    await choose(el, 'filter-state', '');
    await choose(el, 'filter-tag', 'debate');
    expect(titles(el)).to.deep.equal([`Debate en Jalisco ${word}`]);
    await choose(el, 'filter-tag', '');
    await choose(el, 'filter-actor', 'Morena');
    expect(titles(el).sort()).to.deep.equal([`Debate en Jalisco ${word}`, `Elección en Querétaro ${word}`]);
    const actorOptions = [...shadow(el).querySelectorAll<HTMLOptionElement>('select[name="filter-actor"] option')].map((o) => o.textContent);
    expect(actorOptions).to.include.members(['Morena (2)', 'Movimiento Ciudadano (1)']);
    await choose(el, 'filter-actor', '');
    const from = shadow(el).querySelector<HTMLInputElement>('input[name="filter-from"]')!;
    from.value = '2024-05-01';
    from.dispatchEvent(new Event('change'));
    await settled(el);
    expect(titles(el).sort()).to.deep.equal([`Debate en Jalisco ${word}`, `Elección en Querétaro ${word}`]);
    from.value = '';
    from.dispatchEvent(new Event('change'));
    await choose(el, 'sort', 'title');
    expect(titles(el)).to.deep.equal([`Debate en Jalisco ${word}`, `Día del niño ${word}`, `Elección en Querétaro ${word}`]);
    await choose(el, 'sort', 'duration-desc');
    expect(titles(el)).to.deep.equal([`Debate en Jalisco ${word}`, `Día del niño ${word}`, `Elección en Querétaro ${word}`]);
    await choose(el, 'sort', 'date-asc');
    expect(titles(el)).to.deep.equal([`Día del niño ${word}`, `Elección en Querétaro ${word}`, `Debate en Jalisco ${word}`]);
  });

  it("selecting a clip (click or keyboard) sets the linked player's video-id and emits ine-select", async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div><ine-player id="catalog-test-player"></ine-player><ine-catalog for="catalog-test-player"></ine-catalog></div>`,
    );
    const el = wrap.querySelector('ine-catalog')!;
    const player = wrap.querySelector('ine-player')!;
    await ready(el);
    await typeSearch(el, word);
    await choose(el, 'sort', 'date-desc');
    const options = [...shadow(el).querySelectorAll<HTMLElement>('[role="option"]')];
    expect(options[0].tabIndex).to.equal(0);
    expect(options[1].tabIndex).to.equal(-1);
    options[0].focus();
    await sendKeys({ press: 'ArrowRight' }); // real key presses
    await el.updateComplete;
    await waitUntil(() => shadow(el).activeElement === options[1], 'arrow moves focus');
    expect(options[1].tabIndex).to.equal(0, 'roving tabindex follows focus');
    expect(options[0].tabIndex).to.equal(-1);
    const selected = oneEvent(el, 'ine-select');
    await sendKeys({ press: 'Enter' });
    const ev = (await selected) as CustomEvent<{ videoId: string; record: { title: string } }>;
    expect(ev.detail.record.title).to.equal(`Elección en Querétaro ${word}`);
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(player.getAttribute('video-id')).to.equal(ev.detail.videoId);
    await el.updateComplete;
    expect(options[1].getAttribute('aria-selected')).to.equal('true');
    options[0].click();
    await el.updateComplete;
    expect(player.getAttribute('video-id')).to.equal(options[0].dataset.id);
  });

  it('shows HTML and script in metadata as text', async () => {
    const w = uniqueWord();
    const evil = `<img src=x onerror="window.__ineXss=1"><script>window.__ineXss=2</script> ${w}`;
    await seed([record({ metadata: { title: evil, outlet: '<b>Medio</b>' } })]);
    const el = await fixture<IneCatalog>(html`<ine-catalog></ine-catalog>`);
    await ready(el);
    await typeSearch(el, w);
    expect(titles(el)).to.deep.equal([evil]);
    expect(shadow(el).querySelector('[role="option"] img[src="x"]')).to.equal(null);
    expect(shadow(el).querySelector('[role="option"] script, [role="option"] b')).to.equal(null);
    await new Promise((r) => setTimeout(r, 200));
    expect((window as unknown as { __ineXss?: number }).__ineXss).to.equal(undefined);
  });

  it('speaks English when asked, and has no axe-core violations', async () => {
    const el = await fixture<IneCatalog>(html`<ine-catalog lang="en"></ine-catalog>`);
    await ready(el);
    await typeSearch(el, word);
    expect(shadow(el).querySelector('[role="status"]')!.textContent).to.match(/^3 (of \d+ )?clips/);
    expect(shadow(el).textContent).to.contain('Sort by');
    const result = await axe(el);
    expect(result.violations.map((v) => v.id)).to.deep.equal([]);
    await typeSearch(el, 'nothing-matches-this');
    expect(shadow(el).textContent).to.contain('No clip matches your search.');
  });

  it('renders an in-memory source (as the stories do) in list view, and says when there are no clips', async () => {
    const entries = [
      { id: 'a'.repeat(32), title: 'Uno', outlet: 'Canal Once', updatedAt: '2024-01-02T00:00:00Z', durationSeconds: 3725 },
      { id: 'b'.repeat(32), title: 'Dos', updatedAt: '2024-01-01T00:00:00Z' },
    ];
    const el = await fixture<IneCatalog>(html`<ine-catalog view="list" .source=${memorySource(entries)}></ine-catalog>`);
    await ready(el);
    expect(titles(el)).to.deep.equal(['Uno', 'Dos']);
    expect(shadow(el).querySelector('[role="listbox"]')!.classList.contains('list')).to.equal(true);
    expect(shadow(el).querySelector('.duration')!.textContent).to.contain('1:02:05');
    const empty = await fixture<IneCatalog>(html`<ine-catalog .source=${memorySource([])}></ine-catalog>`);
    await ready(empty);
    expect(shadow(empty).textContent).to.contain('Aún no hay clips publicados.');
  });

  it('keeps the first page usable when the rest fails to load, and reports a translated error', async () => {
    const first = [{ id: 'c'.repeat(32), title: 'Primera página', updatedAt: '2024-01-02T00:00:00Z' }];
    const failing = {
      collection: 'catalog' as const,
      manifest: async () => ({
        schemaVersion: 1 as const,
        collection: 'catalog' as const,
        shardCount: 1,
        shards: [{ version: 1, count: 5 }],
        updatedAt: '2024-01-02T00:00:00Z',
      }),
      recent: async () => ({ schemaVersion: 1 as const, collection: 'catalog' as const, entries: first, updatedAt: '2024-01-02T00:00:00Z' }),
      shard: async () => {
        throw new TypeError('Failed to fetch');
      },
    };
    const errors: Array<{ code: string; message: string }> = [];
    const el = await fixture<IneCatalog>(
      html`<ine-catalog .source=${failing} @ine-error=${(e: CustomEvent) => errors.push(e.detail)}></ine-catalog>`,
    );
    await ready(el);
    expect(titles(el)).to.deep.equal(['Primera página']);
    expect(errors[0].code).to.equal('Network');
    expect(shadow(el).querySelector('.notice.error')!.textContent).to.contain('No se pudo cargar el catálogo.');
  });
});
