/**
 * `tsx server/main.ts`: the local stand-in alone (no demo page), e.g. for the AWS CLI or a host page
 * under development. Prints its URLs and keys; Ctrl-C stops it. Same environment variables as npm start.
 */
import { startStandIn } from './index.ts';

const standIn = await startStandIn({ log: (m) => console.log(`[stand-in] ${m}`) });
console.log(`
INE local stand-in for AWS
  S3 and Cognito Identity endpoint: ${standIn.urls.s3}
  Elements' configuration:          ${standIn.urls.config}
  CDN origin:                       ${standIn.urls.cdn}
  Auth broker:                      ${standIn.urls.auth}/login
  Web API (docs/api.md):            ${standIn.urls.api}  (OAuth: ${standIn.urls.auth}/oauth2/token, JWKS: ${standIn.urls.auth}/.well-known/jwks.json)
  Identity pool:                    ${standIn.config.identityPoolId}
  Bucket:                           ${standIn.config.bucket} (region ${standIn.config.region})
  Demo users: admin, uploader, viewer — password: ${standIn.demoPassword}
  Static keys: AWS_ACCESS_KEY_ID=${standIn.staticCredentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${standIn.staticCredentials.secretAccessKey}
  Data folder: ${standIn.dataDir}
Press Ctrl-C to stop.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await standIn.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
