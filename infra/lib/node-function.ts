/**
 * Lambda functions from TypeScript entries in this repository, bundled by esbuild at synth time
 * (the esbuild installed in node_modules, never Docker), as ESM for Node.js 24.
 *
 * `lambdaCode: 'stub'` (context `ine:lambdaCode=stub`) swaps the bundle for an inline placeholder
 * that throws; it exists ONLY so template assertion tests run in a second instead of bundling every
 * handler, and bin/app.ts refuses it for `cdk deploy`. The bundle path is covered by its own test.
 */
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { IneSettings } from './settings.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface IneFunctionProps {
  settings: IneSettings;
  /** Entry file, relative to the repository root (e.g. `infra/publication/handler.ts`). */
  entry: string;
  /** Exported function name in the entry. */
  handler: string;
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  /** Where events that still fail after Lambda's retries go (instead of being dropped). */
  deadLetterQueue?: sqs.IQueue;
}

export function ineFunction(scope: Construct, id: string, props: IneFunctionProps): lambda.Function {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: retentionFor(props.settings.logRetentionDays) });
  const common = {
    description: props.description,
    runtime: LAMBDA_RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    timeout: props.timeout ?? Duration.seconds(30),
    memorySize: props.memorySize ?? 512,
    environment: props.environment,
    logGroup,
    deadLetterQueue: props.deadLetterQueue,
    retryAttempts: 2,
  };
  if (props.settings.lambdaCode === 'stub') {
    return new lambda.Function(scope, id, {
      ...common,
      handler: `index.${props.handler}`,
      code: lambda.Code.fromInline(
        `exports.${props.handler} = async () => { throw new Error('test stub of ${props.entry}: synthesized with ine:lambdaCode=stub'); };`,
      ),
    });
  }
  return new nodejs.NodejsFunction(scope, id, {
    ...common,
    entry: `${REPO_ROOT}${props.entry}`,
    handler: props.handler,
    projectRoot: REPO_ROOT,
    depsLockFilePath: `${REPO_ROOT}package-lock.json`,
    bundling: {
      forceDockerBundling: false,
      format: nodejs.OutputFormat.ESM,
      target: 'node22',
      minify: true,
      sourceMap: true,
      // esbuild's warnings and errors, not its per-bundle size summary.
      logLevel: nodejs.LogLevel.WARNING,
      // ESM bundles of CommonJS dependencies still call require().
      banner: "import { createRequire as __ineCreateRequire } from 'node:module'; const require = __ineCreateRequire(import.meta.url);",
      mainFields: ['module', 'main'],
      // Bundle the AWS SDK too (CDK leaves it to the runtime by default): pinned versions, and the
      // KeyValueStore client and SigV4A signer are not guaranteed in the runtime's copy.
      externalModules: [],
    },
  });
}

/** A private, encrypted, TLS-only queue that keeps failed events 14 days for inspection and replay. */
export function failedEventsQueue(scope: Construct, id: string): sqs.Queue {
  return new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
}

/** The nearest CloudWatch retention at or above the requested days. */
export function retentionFor(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays)
    .filter((v): v is number => typeof v === 'number' && v > 0)
    .sort((a, b) => a - b);
  const pick = allowed.find((d) => d >= days) ?? allowed[allowed.length - 1]!;
  return pick as logs.RetentionDays;
}
