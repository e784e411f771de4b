/** Builds the stack in-process for template tests (no CLI, no credentials, no network). */
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IneVideoStack } from '../../../infra/lib/ine-stack.ts';
import { readSettings, type IneSettings } from '../../../infra/lib/settings.ts';

export const TEST_BUCKET = 'ine-media-test-bucket';
export const TEST_ENV = { account: '123456789012', region: 'us-east-1' };

export interface Built {
  app: App;
  stack: IneVideoStack;
  template: Template;
}

/**
 * Synthesize the stack. `lambdaCode: 'stub'` by default: template assertions do not need the
 * esbuild bundles (bundle.test.ts builds those for real).
 */
export function buildStack(overrides: Partial<IneSettings> = {}, opts: { nag?: boolean } = {}): Built {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const settings = readSettings(app.node, {
    lambdaCode: 'stub',
    allowedOrigins: ['https://monitoreo.ine.mx', 'http://localhost:5173'],
    ...overrides,
  });
  const stack = new IneVideoStack(app, 'IneTest', { settings, env: TEST_ENV, bucketName: TEST_BUCKET });
  if (opts.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  const template = Template.fromStack(stack);
  return { app, stack, template };
}
