import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/player/ine-player.js';

interface Args { lang: string; src: string; videoId: string }

const meta: Meta<Args> = {
  title: 'Elementos/ine-player',
  component: 'ine-player',
  args: { lang: 'es-MX', src: '', videoId: '' },
  argTypes: { lang: { control: 'select', options: ['es-MX', 'en'] } },
  render: (a) => html`<ine-player lang=${a.lang} src=${a.src} video-id=${a.videoId}></ine-player>`,
};
export default meta;

export const Espanol: StoryObj<Args> = { name: 'Español', args: { lang: 'es-MX' } };
export const English: StoryObj<Args> = { args: { lang: 'en' } };
