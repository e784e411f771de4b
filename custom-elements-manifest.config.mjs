// `npm run analyze` writes custom-elements.json at the root from the elements' JSDoc.
export default {
  globs: ['src/elements/**/*.ts', 'src/internal/ine-element.ts'],
  exclude: ['src/**/*.test.ts', 'src/elements/**/lang/**', 'src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [
    {
      // Files are globbed in no fixed order; sort so the committed manifest is reproducible.
      name: 'ine-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
