/**
 * `npm start`: the local stand-in for AWS (S3, Cognito Identity, CDN origin, auth broker, packager),
 * seeded with a published sample clip on first start, plus the demo pages built as for production
 * (`npm run dev`: the same with Vite's development server, for work on the elements). Prints every
 * URL. Ctrl-C stops all of it. Environment: INE_LOCAL_PORT, INE_CDN_PORT, INE_DEMO_PORT,
 * INE_LOCAL_DATA, INE_LOCAL_REGION, INE_LOCAL_ACCESS_KEY_ID, INE_LOCAL_SECRET_ACCESS_KEY,
 * INE_DEMO_PASSWORD (README, "Environment").
 */
import { createServer, preview } from 'vite';
import { startStandIn } from '../server/index.ts';
import { buildDemo } from './lib/demo-build.ts';

const dev = process.argv.includes('--dev');
const demoPort = Number(process.env.INE_DEMO_PORT ?? 5173);

/** A port already taken ends the start with the variable that moves it, not a stack trace. */
async function orExplainPort<T>(start: () => Promise<T>, what: Record<number, string>): Promise<T> {
  try {
    return await start();
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { port?: number };
    if (err?.code !== 'EADDRINUSE') throw e;
    const port = err.port ?? Number(/:(\d+)\s*$/.exec(err.message)?.[1]);
    const variable = what[port] ?? Object.values(what).join(' / ');
    console.error(`npm start: port ${port || '?'} is already in use. Stop what uses it, or choose another port with ${variable}.`);
    process.exit(1);
  }
}

const standIn = await orExplainPort(() => startStandIn({ seed: true, log: (m: string) => console.log(`[stand-in] ${m}`) }), {
  [Number(process.env.INE_LOCAL_PORT ?? 4566)]: 'INE_LOCAL_PORT',
  [Number(process.env.INE_CDN_PORT ?? 4567)]: 'INE_CDN_PORT',
});
const demoConfig = new URL('../demo/vite.config.ts', import.meta.url).pathname;
let server: { close(): Promise<void> };
if (dev) {
  const vite = await createServer({ configFile: demoConfig, server: { port: demoPort, host: '127.0.0.1', strictPort: true } });
  await orExplainPort(() => vite.listen(), { [demoPort]: 'INE_DEMO_PORT' });
  server = vite;
} else {
  console.log('Building the demo pages and the script-tag bundle as for production…');
  const site = await buildDemo(new URL('../.demo-build', import.meta.url).pathname);
  const srv = await orExplainPort(
    () =>
      preview({
        configFile: demoConfig,
        logLevel: 'warn',
        build: { outDir: site },
        preview: { port: demoPort, host: '127.0.0.1', strictPort: true },
      }),
    { [demoPort]: 'INE_DEMO_PORT' },
  );
  server = { close: () => srv.close() };
}

const demo = `http://127.0.0.1:${demoPort}`;
console.log(`
INE video elements — local demo${dev ? ' (development server)' : ''}
  Public page (catalog + player):   ${demo}/
  Admin page (login, upload, edit): ${demo}/admin.html
  Stand-in (S3, Cognito Identity):  ${standIn.urls.s3}
  Elements' configuration:          ${standIn.urls.config}
  CDN origin:                       ${standIn.urls.cdn}
  Auth broker:                      ${standIn.urls.auth}/login
  Web API (docs/api.md):            ${standIn.urls.api}  (OAuth: ${standIn.urls.auth}/oauth2/token, JWKS: ${standIn.urls.auth}/.well-known/jwks.json)
  Demo users: admin, uploader, viewer — password: ${standIn.demoPassword}
  Static keys for server-side tools (AWS CLI):
    AWS_ACCESS_KEY_ID=${standIn.staticCredentials.accessKeyId}
    AWS_SECRET_ACCESS_KEY=${standIn.staticCredentials.secretAccessKey}
    aws --endpoint-url ${standIn.urls.s3} --region ${standIn.config.region} s3 ls s3://${standIn.config.bucket}/
  Data folder: ${standIn.dataDir}
Press Ctrl-C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([server.close(), standIn.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
