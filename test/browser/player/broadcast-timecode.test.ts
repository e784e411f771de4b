// The broadcast clock's button with a source timecode (the record's `timecode`), rendered with the
// player's own translations: the time on air to the recorder's second with the timecode read out,
// and the timecode alone for a clip with no broadcastAt.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { broadcastClockButton } from '../../../src/elements/player/parts/broadcast-clock.js';
import esMXMore from '../../../src/elements/player/lang/es-MX-more.js';
import en from '../../../src/elements/player/lang/en.js';

type Table = Record<string, string | ((...args: never[]) => string)>;
const translator =
  (table: Table) =>
  (key: string, ...args: unknown[]) => {
    const m = table[key];
    return typeof m === 'function' ? (m as (...a: unknown[]) => string)(...args) : String(m);
  };
const ntsc = 30000 / 1001;

function button(table: Table, onAir: Parameters<typeof broadcastClockButton>[1], now: number): HTMLButtonElement | null {
  const host = document.createElement('div');
  document.body.append(host);
  render(
    broadcastClockButton(translator(table), onAir, now, () => {}),
    host,
  );
  return host.querySelector('button');
}

describe('broadcast clock with a source timecode', () => {
  afterEach(() => document.body.replaceChildren());

  it('es-MX: a recorder timecode that agrees sets the seconds, and the label reads the timecode', () => {
    const b = button(esMXMore as Table, { broadcastAt: '2026-03-01T21:00:00-06:00', timecode: { start: '20:59:47;12', frameRate: ntsc } }, 3)!;
    expect(b.textContent!.trim()).to.equal('20:59:50 h');
    expect(b.getAttribute('aria-label')).to.match(/^Hora de transmisión: 20:59:50 h \(UTC−06:00\), código de tiempo de la fuente 20:59:50;/);
  });

  it('en: a clip with a timecode and no broadcastAt shows the timecode, labelled', () => {
    const b = button(en as Table, { timecode: { start: '10:00:00:00', frameRate: 25 } }, 61.5)!;
    expect(b.textContent!.trim()).to.equal('TC 10:01:01:12');
    expect(b.getAttribute('aria-label')).to.equal('Source timecode: 10:01:01:12. Activate to copy a link to this moment');
  });

  it('neither: no button', () => {
    expect(button(en as Table, {}, 1)).to.equal(null);
  });
});
