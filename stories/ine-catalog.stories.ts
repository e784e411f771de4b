import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/catalog/ine-catalog.js';

interface Args { lang: string; admin: boolean }

const meta: Meta<Args> = {
  title: 'Elementos/ine-catalog',
  component: 'ine-catalog',
  args: { lang: 'es-MX', admin: false },
  argTypes: { lang: { control: 'select', options: ['es-MX', 'en'] } },
  render: (a) => html`<ine-catalog lang=${a.lang} ?admin=${a.admin}></ine-catalog>`,
};
export default meta;

export const Espanol: StoryObj<Args> = { name: 'Español', args: { lang: 'es-MX' } };
export const English: StoryObj<Args> = { args: { lang: 'en' } };
