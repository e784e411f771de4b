/**
 * `npm start`: the local stand-in for AWS (S3, Cognito Identity, CDN origin, auth broker, packager),
 * seeded with a published sample clip on first start, plus the demo pages. Prints every URL.
 * Ctrl-C stops all of it. Environment: INE_LOCAL_PORT, INE_CDN_PORT, INE_DEMO_PORT, INE_LOCAL_DATA,
 * INE_LOCAL_REGION, INE_LOCAL_ACCESS_KEY_ID, INE_LOCAL_SECRET_ACCESS_KEY, INE_DEMO_PASSWORD.
 */
import { createServer } from 'vite';
import { startStandIn } from '../server/index.ts';

const standIn = await startStandIn({ seed: true, log: (m: string) => console.log(`[stand-in] ${m}`) });
const demoPort = Number(process.env.INE_DEMO_PORT ?? 5173);
const vite = await createServer({
  configFile: new URL('../demo/vite.config.ts', import.meta.url).pathname,
  server: { port: demoPort, host: '127.0.0.1', strictPort: true },
});
await vite.listen();

const demo = `http://127.0.0.1:${demoPort}`;
console.log(`
INE video elements — local demo
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
  await Promise.allSettled([vite.close(), standIn.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
