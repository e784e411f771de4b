import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: [],
  // The player's track stories play a small packaged clip from here (stories/ine-player.stories.ts).
  staticDirs: [{ from: '../stories/static', to: '/static' }],
  framework: {
    name: '@storybook/web-components-vite',
    // A plain Vite config for Storybook: the root vite.config.ts builds the library bundle.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: {},
};
export default config;
