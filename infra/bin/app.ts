/**
 * The CDK app: `npm run synth` (offline, no credentials) and `npm run deploy`.
 * Parameters come from context; see docs/deploy.md ("Parameters").
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IneVideoStack } from '../lib/ine-stack.ts';
import { IneReplicaStack } from '../lib/replica.ts';
import { readSettings } from '../lib/settings.ts';

const app = new App();
const settings = readSettings(app.node);
const deploying = process.argv.includes('deploy') || process.env.npm_lifecycle_event === 'deploy';
if (settings.lambdaCode !== 'bundle' && deploying) {
  throw new Error('ine:lambdaCode=stub is for template tests only; deploy bundles the real handlers');
}
const account = process.env.CDK_DEFAULT_ACCOUNT;
// The replica bucket first (its own Region): the main stack's replication and failover origin point at it.
const replica = new IneReplicaStack(app, `${settings.namePrefix}-replica`, {
  settings,
  description: 'INE video elements: replica of the media bucket (Cross-Region Replication, CDN failover origin)',
  env: { account, region: settings.replicaRegion },
});
const main = new IneVideoStack(app, `${settings.namePrefix}-stack`, {
  settings,
  description: 'INE video elements: media bucket, CloudFront, Cognito identity pools, packaging',
  env: { account, region: process.env.CDK_DEFAULT_REGION },
});
main.addStackDependency(replica, 'replication and CDN failover need the replica bucket');
// cdk-nag's AWS Solutions pack (a policy-validation plugin) on everything: an unacknowledged
// finding fails synth; acknowledgments and their reasons are in infra/lib/nag.ts.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
