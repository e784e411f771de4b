import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/uploader/ine-uploader.js';

interface Args { lang: string }

const meta: Meta<Args> = {
  title: 'Elementos/ine-uploader',
  component: 'ine-uploader',
  args: { lang: 'es-MX' },
  argTypes: { lang: { control: 'select', options: ['es-MX', 'en'] } },
  render: (a) => html`<ine-uploader lang=${a.lang}></ine-uploader>`,
};
export default meta;

export const Espanol: StoryObj<Args> = { name: 'Español', args: { lang: 'es-MX' } };
export const English: StoryObj<Args> = { args: { lang: 'en' } };
