// Catalog tests' dev-server plugin: lets the browser import JSON modules from node_modules.
//
// The AWS SDK's browser builds do `import packageInfo from "../../../package.json"` (e.g.
// @aws-sdk/nested-clients, used by the Cognito credential provider). Bundlers (Vite, esbuild) turn
// that into a module; the test dev server serves it as application/json, which a browser refuses
// as a module script. This serves such imports as `export default <json>` (only for module-script
// requests under node_modules, so plain fetches of JSON are untouched).
export default {
  name: 'ine-catalog-json-modules',
  transform(context) {
    const dest = context.request.headers['sec-fetch-dest'];
    if (dest !== 'script' || !context.path.includes('/node_modules/') || !context.path.endsWith('.json')) return undefined;
    const body = typeof context.body === 'string' ? context.body : String(context.body);
    if (/^\s*export\s/.test(body)) return undefined; // another plugin already did it
    return { body: `export default ${body};`, headers: { 'content-type': 'text/javascript; charset=utf-8' } };
  },
};
