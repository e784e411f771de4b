/**
 * Deployment parameters, read from CDK context (`cdk deploy -c key=value`, or `context` in
 * infra/cdk.json). Context rather than CfnParameters because most of them change the *shape* of the
 * stack (a certificate adds aliases, signed cookies add a key group), which CloudFormation
 * parameters cannot do without conditions everywhere. Every key is documented in docs/deploy.md.
 */
import type { Node } from 'constructs';
import { API_AUDIENCE } from '../../core/auth/access-token.ts';

export type PriceClassName = 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
export type LambdaCodeMode = 'bundle' | 'stub';

export interface IneSettings {
  /** Prefix of every physical name (stack, roles, pools); lowercase letters, digits and dashes. */
  namePrefix: string;
  /** Origins of the pages that embed the elements (CORS on the bucket and the CDN). */
  allowedOrigins: string[];
  /** Custom CDN domain (e.g. `videos.ine.mx`); with `certificateArn`. Empty: the `*.cloudfront.net` domain. */
  domainName?: string;
  /** ACM certificate in us-east-1 for `domainName`. */
  certificateArn?: string;
  /** Days to keep access logs and Lambda logs. */
  logRetentionDays: number;
  /** Days to keep non-current object versions (undo window for overwrites and deletes). */
  noncurrentVersionDays: number;
  /** Days after which incomplete multipart uploads are aborted (resumable uploads must finish in this window). */
  abortMultipartDays: number;
  priceClass: PriceClassName;
  /** Require CloudFront signed cookies for `media/` and `catalog/` (deployments that restrict viewing). */
  signedCookies: boolean;
  /** PEM public key for the signed-cookie key group (required when `signedCookies`). */
  signedCookiesPublicKey?: string;
  /**
   * PEM public key of the draft-preview key pair (infra/lib/preview.ts). Without it there is no
   * preview behaviour and the API's preview route answers 503 PreviewUnavailable.
   */
  previewPublicKey?: string;
  /** Cognito developer provider name the token broker vouches with (e.g. `ine.monitoreo`). */
  developerProviderName: string;
  /**
   * An existing AWS WAF web ACL (CLOUDFRONT scope, us-east-1) for the distribution, instead of the
   * one the stack creates (required when the stack is deployed outside us-east-1, where a
   * CLOUDFRONT-scope web ACL cannot be created).
   */
  webAclArn?: string;
  /** Requests one client IP may make to the CDN in 5 minutes before WAF blocks it (election-night sizing in docs/deploy.md). */
  edgeRateLimitPer5Min: number;
  /**
   * Client networks exempt from the CDN's per-IP rate limit (still screened by the managed rules):
   * INE's own egress addresses, where hundreds of staff watch through one NAT address. CIDRs, IPv4 or IPv6.
   */
  rateExemptCidrs: string[];
  /** Regional endpoints (API Gateway stage, ALB, AppSync...) of the broker/API to put behind the regional web ACL. */
  regionalWafResourceArns: string[];
  /** Requests one client IP may make to the regional endpoints in 5 minutes. */
  apiRateLimitPer5Min: number;
  /**
   * The token broker's issuer URL (`iss` of its access tokens; serves `/.well-known/openid-configuration`
   * and its JWKS): API Gateway's JWT authorizer trusts tokens from it only.
   */
  apiJwtIssuer: string;
  /** The `aud` the API's access tokens carry. */
  apiJwtAudience: string;
  /** Steady requests per second the whole Web API accepts (API Gateway stage throttling); per-client limits are the handlers'. */
  apiThrottleRatePerSecond: number;
  /** Burst the whole Web API accepts above the steady rate. */
  apiThrottleBurst: number;
  /** Region of the media bucket's replica (Cross-Region Replication, CDN failover origin); must differ from the stack's. */
  replicaRegion: string;
  /** Days CloudTrail logs stay immutable (S3 Object Lock, compliance mode) and are kept. */
  evidenceRetentionDays: number;
  /**
   * AWS Organizations id (`o-…`): make the trail an organization trail (every account of the
   * organization); deploy from the management account or a delegated CloudTrail administrator.
   */
  organizationId?: string;
  /** Optional e-mail subscribed to the alarm topic. */
  alarmEmail?: string;
  /**
   * How Lambda code is built: `bundle` (esbuild at synth time, the default and the only mode for
   * deployment) or `stub` (an inline placeholder; ONLY for fast template tests, refused by `deploy`).
   */
  lambdaCode: LambdaCodeMode;
}

export const DEFAULT_SETTINGS: IneSettings = {
  namePrefix: 'ine-video',
  allowedOrigins: ['https://monitoreo.ine.mx'],
  logRetentionDays: 365,
  noncurrentVersionDays: 30,
  abortMultipartDays: 7,
  priceClass: 'PriceClass_100',
  signedCookies: false,
  developerProviderName: 'ine.monitoreo',
  edgeRateLimitPer5Min: 30_000,
  rateExemptCidrs: [],
  regionalWafResourceArns: [],
  apiRateLimitPer5Min: 600,
  apiJwtIssuer: 'https://acceso.monitoreo.ine.mx',
  apiJwtAudience: API_AUDIENCE,
  apiThrottleRatePerSecond: 200,
  apiThrottleBurst: 400,
  replicaRegion: 'us-west-2',
  evidenceRetentionDays: 2557,
  lambdaCode: 'bundle',
};

const PRICE_CLASSES: readonly PriceClassName[] = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'];

function list(v: unknown): string[] | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.map(String);
  return String(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
function bool(v: unknown): boolean | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return v === true || String(v).toLowerCase() === 'true';
}
function int(v: unknown, key: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Context ${key} must be a positive integer, got ${String(v)}`);
  return n;
}
function str(v: unknown): string | undefined {
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

/** Settings from context (`ine:<key>` or the bare key), over `overrides` (tests), over defaults. */
export function readSettings(node: Node | undefined, overrides: Partial<IneSettings> = {}): IneSettings {
  const ctx = (key: string): unknown => node?.tryGetContext(`ine:${key}`) ?? node?.tryGetContext(key);
  const fromContext: Partial<IneSettings> = {
    namePrefix: str(ctx('namePrefix')),
    allowedOrigins: list(ctx('allowedOrigins')),
    domainName: str(ctx('domainName')),
    certificateArn: str(ctx('certificateArn')),
    logRetentionDays: int(ctx('logRetentionDays'), 'logRetentionDays'),
    noncurrentVersionDays: int(ctx('noncurrentVersionDays'), 'noncurrentVersionDays'),
    abortMultipartDays: int(ctx('abortMultipartDays'), 'abortMultipartDays'),
    priceClass: str(ctx('priceClass')) as PriceClassName | undefined,
    signedCookies: bool(ctx('signedCookies')),
    signedCookiesPublicKey: str(ctx('signedCookiesPublicKey')),
    previewPublicKey: str(ctx('previewPublicKey')),
    developerProviderName: str(ctx('developerProviderName')),
    webAclArn: str(ctx('webAclArn')),
    edgeRateLimitPer5Min: int(ctx('edgeRateLimitPer5Min'), 'edgeRateLimitPer5Min'),
    rateExemptCidrs: list(ctx('rateExemptCidrs')),
    regionalWafResourceArns: list(ctx('regionalWafResourceArns')),
    apiRateLimitPer5Min: int(ctx('apiRateLimitPer5Min'), 'apiRateLimitPer5Min'),
    apiJwtIssuer: str(ctx('apiJwtIssuer')),
    apiJwtAudience: str(ctx('apiJwtAudience')),
    apiThrottleRatePerSecond: int(ctx('apiThrottleRatePerSecond'), 'apiThrottleRatePerSecond'),
    apiThrottleBurst: int(ctx('apiThrottleBurst'), 'apiThrottleBurst'),
    replicaRegion: str(ctx('replicaRegion')),
    evidenceRetentionDays: int(ctx('evidenceRetentionDays'), 'evidenceRetentionDays'),
    organizationId: str(ctx('organizationId')),
    alarmEmail: str(ctx('alarmEmail')),
    lambdaCode: str(ctx('lambdaCode')) as LambdaCodeMode | undefined,
  };
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const s: IneSettings = { ...DEFAULT_SETTINGS, ...defined(fromContext), ...defined(overrides) };
  validateSettings(s);
  return s;
}

export function validateSettings(s: IneSettings): void {
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(s.namePrefix)) throw new Error(`namePrefix must be 2-31 lowercase letters, digits or dashes: ${s.namePrefix}`);
  if (!s.allowedOrigins.length) throw new Error('allowedOrigins must list at least one origin (the pages that embed the elements)');
  for (const o of s.allowedOrigins) {
    if (!/^https?:\/\/[^/\s*]+$/.test(o) || (o.startsWith('http:') && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(o))) {
      throw new Error(`allowedOrigins: ${o} is not an https origin (scheme://host[:port], no path, no wildcard)`);
    }
  }
  if (Boolean(s.domainName) !== Boolean(s.certificateArn)) throw new Error('domainName and certificateArn go together');
  if (s.certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(s.certificateArn)) {
    throw new Error('certificateArn must be an ACM certificate in us-east-1 (CloudFront only uses certificates from there)');
  }
  if (!PRICE_CLASSES.includes(s.priceClass)) throw new Error(`priceClass must be one of ${PRICE_CLASSES.join(', ')}`);
  if (s.signedCookies && !s.signedCookiesPublicKey?.includes('BEGIN PUBLIC KEY')) {
    throw new Error("signedCookies needs signedCookiesPublicKey (a PEM public key; the private key stays with INE's backend)");
  }
  if (!/^[\w.-]{1,128}$/.test(s.developerProviderName)) throw new Error(`developerProviderName has invalid characters: ${s.developerProviderName}`);
  // WAF's own bounds for a rate-based rule's limit.
  for (const k of ['edgeRateLimitPer5Min', 'apiRateLimitPer5Min'] as const) {
    if (s[k] < 10 || s[k] > 2_000_000_000) throw new Error(`${k} must be between 10 and 2,000,000,000 (AWS WAF's range)`);
  }
  for (const c of s.rateExemptCidrs) {
    // WAF IP sets take IPv4 /1-/32 and IPv6 /1-/128 CIDRs; a typo must not exempt the Internet.
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(c);
    const v6 = /^[0-9a-f:]+\/(\d{1,3})$/i.exec(c);
    const ok = v4
      ? v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) >= 8 && Number(v4[5]) <= 32
      : v6
        ? c.includes(':') && Number(v6[1]) >= 16 && Number(v6[1]) <= 128
        : false;
    if (!ok) throw new Error(`rateExemptCidrs: ${c} is not an IPv4 (/8-/32) or IPv6 (/16-/128) CIDR`);
  }
  for (const arn of s.regionalWafResourceArns) {
    if (!/^arn:aws[a-z-]*:(apigateway|elasticloadbalancing|appsync|cognito-idp|apprunner|ec2):[a-z0-9-]+:\d*:\S+$/.test(arn))
      throw new Error(`regionalWafResourceArns: ${arn} is not a resource AWS WAF can protect regionally`);
  }
  // API Gateway's JWT authorizer fetches the issuer's discovery document over HTTPS.
  if (!/^https:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(s.apiJwtIssuer)) throw new Error(`apiJwtIssuer must be an https URL: ${s.apiJwtIssuer}`);
  if (!/^[\w.:/-]{1,128}$/.test(s.apiJwtAudience)) throw new Error(`apiJwtAudience has invalid characters: ${s.apiJwtAudience}`);
  // API Gateway's account-level ceiling is 10,000 requests/s (5,000 burst) unless raised.
  if (s.apiThrottleRatePerSecond > 10_000) throw new Error('apiThrottleRatePerSecond must be at most 10,000 (API Gateway account quota)');
  if (s.apiThrottleBurst > 5_000) throw new Error('apiThrottleBurst must be at most 5,000 (API Gateway account quota)');
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(s.replicaRegion))
    throw new Error(`replicaRegion must be an AWS Region name (e.g. us-west-2): ${s.replicaRegion}`);
  // Compliance-mode Object Lock cannot be shortened once written: at least a year (audit cycle), at most 10.
  if (s.evidenceRetentionDays < 365 || s.evidenceRetentionDays > 3653) throw new Error('evidenceRetentionDays must be between 365 and 3653');
  if (s.organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(s.organizationId))
    throw new Error(`organizationId must look like o-abc1234567: ${s.organizationId}`);
  if (s.alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.alarmEmail))
    throw new Error(`alarmEmail is not an e-mail address: ${s.alarmEmail}`);
  if (s.lambdaCode !== 'bundle' && s.lambdaCode !== 'stub') throw new Error(`lambdaCode must be bundle or stub`);
}
