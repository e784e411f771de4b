import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { registerTranslation, translate } from '../src/i18n/localize.js';
import esMXMore from '../src/elements/player/lang/es-MX-more.js';
import en from '../src/elements/player/lang/en.js';
import { integrityBadge } from '../src/elements/player/integrity/integrity-badge.js';
import type { IntegrityState } from '../src/integrity/integrity-plan.js';

/**
 * The "Verificado" badge of `<ine-player>` (docs/integrity-provenance.md) in each of its states,
 * as the player shows it over the video's top corner. No server needed: the states are given
 * here; stories that verify a real clip need the stand-in (`npm start`) and the main player stories.
 */
registerTranslation('player', 'es-MX', esMXMore);
registerTranslation('player', 'en', en);

const SAMPLE: IntegrityState = {
  status: 'verified',
  kid: 'provenance-2026-12-04-3f9a1c2e',
  checked: 7,
  payload: {
    schemaVersion: 1,
    videoId: '01jf3k9x2m7q8r4t6v0w1y3z5a',
    source: { sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', size: 48_213_377, uploadedAt: '2027-03-01T20:41:07.000Z' },
    packagedAt: '2027-03-01T20:43:55.000Z',
    packager: 'ffmpeg',
    files: {},
  },
};
const FAILED: IntegrityState = {
  status: 'failed',
  failure: { code: 'hash-mismatch', target: 'segment', path: 'v720/seg_00003.m4s', message: 'altered' },
};

interface Args {
  lang: string;
  state: IntegrityState;
}

const meta: Meta<Args> = {
  title: 'Elementos/ine-player/Verificación de integridad',
  args: { lang: 'es-MX', state: SAMPLE },
  argTypes: { lang: { control: 'select', options: ['es-MX', 'en'] } },
  render: ({ lang, state }) => {
    const format = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'es-MX', { dateStyle: 'medium', timeStyle: 'long' });
    return html`<div lang=${lang} style="position: relative; max-width: 640px; aspect-ratio: 16/9; background: #222; border-radius: 4px">
      ${integrityBadge(state, { t: (key) => translate('player', lang, key), date: (iso) => format.format(new Date(iso)) })}
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Verified: the summary closed; open it for the source hash, upload and packaging times, key id. */
export const VerificadoEs: Story = { name: 'Español: verificado', args: { lang: 'es-MX', state: SAMPLE } };
export const VerifiedEn: Story = { name: 'English: verified', args: { lang: 'en', state: SAMPLE } };

/** Failed: open, saying what failed; playback is stopped and the error panel shows beneath. */
export const FallidaEs: Story = { name: 'Español: verificación fallida', args: { lang: 'es-MX', state: FAILED } };
export const FailedEn: Story = { name: 'English: verification failed', args: { lang: 'en', state: FAILED } };

/** While the manifest is checked (shown only when the badge's code is already loaded, e.g. on a second clip). */
export const VerificandoEs: Story = { name: 'Español: verificando', args: { lang: 'es-MX', state: { status: 'verifying' } } };
export const VerifyingEn: Story = { name: 'English: verifying', args: { lang: 'en', state: { status: 'verifying' } } };
