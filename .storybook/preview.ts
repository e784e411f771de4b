import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';

// Controls and docs come from custom-elements.json (attributes, events, parts, CSS properties).
setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
  },
  globalTypes: {
    locale: {
      description: 'Idioma / Language',
      toolbar: {
        icon: 'globe',
        items: [
          { value: 'es-MX', title: 'Español (México)' },
          { value: 'en', title: 'English' },
        ],
      },
    },
  },
  initialGlobals: { locale: 'es-MX' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = (context.globals.locale as string) || 'es-MX';
      return story();
    },
  ],
};
export default preview;
