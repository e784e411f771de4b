/**
 * The CDK app: `npm run synth` (offline, no credentials) and `npm run deploy`.
 * Parameters come from context; see docs/deploy.md ("Parameters").
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IneVideoStack } from '../lib/ine-stack.ts';
import { readSettings } from '../lib/settings.ts';

const app = new App();
const settings = readSettings(app.node);
const deploying = process.argv.includes('deploy') || process.env.npm_lifecycle_event === 'deploy';
if (settings.lambdaCode !== 'bundle' && deploying) {
  throw new Error('ine:lambdaCode=stub is for template tests only; deploy bundles the real handlers');
}
new IneVideoStack(app, `${settings.namePrefix}-stack`, {
  settings,
  description: 'INE video elements: media bucket, CloudFront, Cognito identity pools, packaging',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
// cdk-nag's AWS Solutions pack (a policy-validation plugin) on everything: an unacknowledged
// finding fails synth; acknowledgments and their reasons are in infra/lib/nag.ts.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
