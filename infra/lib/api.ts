/**
 * The Web API on AWS: the `/api/v1` handlers (the same modules the stand-in runs) in one Lambda behind
 * an API Gateway HTTP API, and the audit bucket its entries are written to.
 *
 * - Auth: API Gateway's JWT authorizer checks every route's bearer token against the token broker's
 *   issuer (`apiJwtIssuer`, whose `/.well-known/openid-configuration` names its JWKS) and audience,
 *   before the Lambda runs; the handlers then apply roles and scopes.
 * - Throttling: the stage's default route settings (`apiThrottleRatePerSecond`, `apiThrottleBurst`)
 *   bound the whole API; the handlers add a limit per client (429 + Retry-After).
 * - Access logs: one JSON line per request (caller, route, status, latency, authorizer error) in a
 *   CloudWatch log group kept `logRetentionDays`.
 * - WAF: AWS WAF cannot be attached to HTTP APIs (only to REST API stages), so the API is also
 *   served through the CDN at `<cdnBaseUrl>/api/*` (cdn.ts), where the edge web ACL screens it; the
 *   paths are the same as the stand-in's (`/api/v1/...`).
 * - Audit bucket: S3 Object Lock in COMPLIANCE mode (`evidenceRetentionDays`, default 7 years), so
 *   no one, root included, can delete or overwrite an entry before then; versioned, SSE-KMS with a
 *   rotating customer key, TLS-only, access-logged. The API may write and read entries, never delete.
 */
import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { lockedBucketProps } from './locked-bucket.ts';
import { AuditSealKey } from './audit-seal-key.ts';
import { Construct } from 'constructs';
import { JWKS_PATH } from '../../core/auth/index.ts';
import { failedEventsQueue, ineFunction, retentionFor } from './node-function.ts';
import type { IneSettings } from './settings.ts';

export const API_ENTRY = 'infra/api/lambda.ts';
/** The path every route lives under, on AWS as in the stand-in. */
export const API_BASE_PATH = '/api/v1';

/**
 * What the API's role may do to the media bucket, by prefix: the one list the grant and its
 * nag acknowledgments are made from.
 */
export const API_MEDIA_GRANTS: ReadonlyArray<{ prefix: string; actions: string[]; why: string }> = [
  {
    prefix: 'media/*',
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    why: 'Reads and writes clip records (media/<id>/video.json) and deletes a clip’s objects; clip ids are known only at run time.',
  },
  {
    prefix: 'catalog/*',
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    why: 'Keeps the public catalog in step with clip records (the one writer of derived data).',
  },
  {
    prefix: 'index/*',
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    why: 'Keeps the private admin index in step with clip records.',
  },
  {
    prefix: 'api/*',
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    why: 'The API’s own state: idempotency records, webhook subscriptions and deliveries, OAuth clients (hashed secrets).',
  },
  {
    prefix: 'uploads/*',
    actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
    why: 'Server-side uploads: presigned multipart part URLs under uploads/<client identity>/ and the upload manifest; identities are known only at run time.',
  },
];

export interface ApiProps {
  settings: IneSettings;
  bucket: s3.IBucket;
  /** Where clips are played from (the embed snippet and the record's URLs). */
  cdnBaseUrl: string;
  accessLogBucket: s3.IBucket;
}

export class Api extends Construct {
  readonly fn: lambda.Function;
  readonly httpApi: apigw.HttpApi;
  readonly accessLogs: logs.LogGroup;
  readonly auditKey: kms.Key;
  readonly auditBucket: s3.Bucket;
  /** Signs the audit log's seals (audit-seal-key.ts). */
  readonly sealKey: AuditSealKey;
  /** `<id>.execute-api.<region>.amazonaws.com`, the CDN's API origin. */
  readonly domain: string;
  private readonly mediaBucket: s3.IBucket;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { settings, bucket } = props;
    this.mediaBucket = bucket;

    this.auditKey = new kms.Key(this, 'AuditKey', {
      description: `${settings.namePrefix}: the Web API's audit log`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.auditBucket = new s3.Bucket(this, 'AuditBucket', {
      ...lockedBucketProps({
        key: this.auditKey,
        retentionDays: settings.evidenceRetentionDays,
        accessLogBucket: props.accessLogBucket,
        accessLogPrefix: 'audit-access/',
      }),
      lifecycleRules: [
        // Entries stay readable at once (a clip's history is shown in the admin UI), so infrequent
        // access rather than Glacier; they expire when their lock does.
        {
          id: 'infrequent-then-expire',
          enabled: true,
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
          expiration: Duration.days(settings.evidenceRetentionDays),
          noncurrentVersionExpiration: Duration.days(settings.evidenceRetentionDays),
        },
        { id: 'abort-incomplete-multipart', enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.fn = ineFunction(this, 'Handler', {
      settings,
      entry: API_ENTRY,
      handler: 'handler',
      description: 'The /api/v1 Web API: clips, uploads, webhooks, clients, audit (the same handlers as the stand-in)',
      deadLetterQueue: failedEventsQueue(this, 'FailedEvents'),
      timeout: Duration.seconds(29),
      memorySize: 1024,
      // What infra/api/lambda.ts reads.
      environment: {
        INE_MEDIA_BUCKET: bucket.bucketName,
        INE_CDN_BASE_URL: props.cdnBaseUrl,
        INE_API_ISSUER: settings.apiJwtIssuer,
        INE_API_JWKS_URL: `${settings.apiJwtIssuer.replace(/\/+$/, '')}${JWKS_PATH}`,
        INE_API_AUDIENCE: settings.apiJwtAudience,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    for (const g of API_MEDIA_GRANTS) {
      this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: g.actions, resources: [bucket.arnForObjects(g.prefix)] }));
    }
    // ListBucket: S3 answers a missing key with 404 instead of 403 only to a caller who may list.
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:ListBucketMultipartUploads'], resources: [bucket.bucketArn] }));
    // Append and read only: no DeleteObject (but of its own intents), no retention or legal-hold changes; Sign seals.
    this.sealKey = new AuditSealKey(this, 'SealKey', { settings });
    this.grantAuditAppend(this.fn);

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: retentionFor(settings.logRetentionDays) });
    const authorizer = new HttpJwtAuthorizer('BrokerJwt', settings.apiJwtIssuer, {
      jwtAudience: [settings.apiJwtAudience],
      identitySource: ['$request.header.Authorization'],
    });
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `${settings.namePrefix}-api`,
      description: 'INE video elements Web API (/api/v1)',
      // Browsers call it from the pages that embed the elements; systems are not browsers.
      corsPreflight: {
        allowOrigins: settings.allowedOrigins,
        allowMethods: [
          apigw.CorsHttpMethod.GET,
          apigw.CorsHttpMethod.PUT,
          apigw.CorsHttpMethod.POST,
          apigw.CorsHttpMethod.PATCH,
          apigw.CorsHttpMethod.DELETE,
        ],
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'],
        exposeHeaders: ['ETag', 'Retry-After', 'Location', 'Idempotency-Replayed'],
        maxAge: Duration.hours(1),
      },
      createDefaultStage: false,
    });
    const integration = new HttpLambdaIntegration('Handlers', this.fn);
    this.httpApi.addRoutes({ path: `${API_BASE_PATH}/{proxy+}`, methods: [apigw.HttpMethod.ANY], integration, authorizer });
    const stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.apiThrottleRatePerSecond, burstLimit: settings.apiThrottleBurst },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            sub: '$context.authorizer.claims.sub',
            clientId: '$context.authorizer.claims.client_id',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    this.domain = `${this.httpApi.apiId}.execute-api.${this.httpApi.stack.region}.amazonaws.com`;
    new CfnOutput(this, 'Url', { value: stage.url, description: 'The Web API’s own endpoint (also served at <cdnBaseUrl>/api/)' });
  }

  /** Lets another function (the packaging Lambdas) append to the audit log, as the API does. */
  grantAuditAppend(fn: lambda.Function): void {
    this.sealKey.grantAppend(fn, this.auditBucket, this.auditKey, this.mediaBucket);
  }
}
