/**
 * CloudFront in front of the media bucket: the only way viewers reach clips (docs/deploy.md: 100,000
 * requests/s and 200 TB a weekend are served from the edge, never by an API call per viewer).
 *
 * - Origin Access Control (SigV4 from CloudFront to S3); the bucket stays private.
 * - HTTPS only (HTTP redirects), TLS 1.2_2021 minimum with a custom domain; HTTP/2 and HTTP/3.
 * - A viewer-request CloudFront Function with a KeyValueStore of published ids on every behaviour
 *   (infra/cdn/viewer-request.js): only `media/<published id>/*` and `catalog/*` are reachable.
 * - Cache: segments, images, storyboards are immutable (a re-package writes a new clip id), so a
 *   year; playlists, `video.json` and the catalog change on publish/edit, so 5 s at the edge with
 *   `stale-while-revalidate` for browsers. No cookies, query strings or headers in the cache key
 *   (CORS is answered by the response headers policy, not the origin), so hit ratios stay high.
 */
import { Annotations, Duration, Fn } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { HSTS } from './page-headers.ts';
import type { IneSettings } from './settings.ts';

export const IMMUTABLE_TTL = Duration.days(365);
export const SHORT_TTL = Duration.seconds(5);
/** What browsers are told for short-lived documents; the edge revalidates every 5 s. */
export const SHORT_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=30, stale-if-error=86400';
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** Catalog fragments (docs/catalog.md): content-addressed, so cached for a year; listed before `catalog/*`. */
export const CATALOG_FRAGMENT_PATHS = ['catalog/f/*'] as const;
/** Path patterns of the short-lived documents, in CloudFront's precedence order. */
export const SHORT_PATHS = ['catalog/*', 'media/*/video.json', 'media/*.m3u8', 'keys/*'] as const;
export const IMMUTABLE_PATHS = ['media/*'] as const;
/** Origin answers that send CloudFront to the replica (timeouts and refused connections always do). */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504] as const;

export interface CdnProps {
  settings: IneSettings;
  bucket: s3.IBucket;
  logBucket: s3.IBucket;
  /** AWS WAF web ACL (CLOUDFRONT scope) ARN; default `settings.webAclArn`. */
  webAclArn?: string;
  /** The media bucket's replica: with it, every behaviour fails over to it (origin group). */
  replicaBucket?: s3.IBucket;
}

/** The viewer-request function's source with the store id bound. */
export function viewerRequestSource(kvsId: string): string {
  const src = readFileSync(new URL('../cdn/viewer-request.js', import.meta.url), 'utf8');
  if (src.split('__KVS_ID__').length !== 2) throw new Error('viewer-request.js must contain the store id placeholder exactly once');
  return src.replace('__KVS_ID__', kvsId);
}

export class Cdn extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly publishedIds: cloudfront.KeyValueStore;
  readonly gate: cloudfront.Function;
  readonly keyGroup?: cloudfront.KeyGroup;
  /** The media bucket's origin (or origin group), for behaviours added by other constructs (preview.ts). */
  readonly origin: cloudfront.IOrigin;
  /** `https://<domain>` the elements use as `cdnBaseUrl`. */
  readonly baseUrl: string;
  private readonly securityHeaders: cloudfront.ResponseSecurityHeadersBehavior;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    const { settings, bucket } = props;

    this.publishedIds = new cloudfront.KeyValueStore(this, 'PublishedIds', {
      comment: 'Ids of published clips; kept in step with media/<id>/video.json by the publication Lambda',
    });
    // The store id is a token: split the source around the placeholder and join at deploy time.
    const [before, after] = viewerRequestSource('\u0000').split('\u0000') as [string, string];
    this.gate = new cloudfront.Function(this, 'PublishedGate', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      keyValueStore: this.publishedIds,
      comment: 'Only published clips and the public catalog are reachable',
      code: cloudfront.FunctionCode.fromInline(Fn.join('', [before, this.publishedIds.keyValueStoreId, after])),
    });
    const functionAssociations = [{ function: this.gate, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }];

    const compressedEncodings = { enableAcceptEncodingGzip: true, enableAcceptEncodingBrotli: true };
    const immutableCache = new cloudfront.CachePolicy(this, 'ImmutableCache', {
      comment: 'Segments, images, storyboards: immutable, one year',
      minTtl: IMMUTABLE_TTL,
      defaultTtl: IMMUTABLE_TTL,
      maxTtl: IMMUTABLE_TTL,
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      ...compressedEncodings,
    });
    const shortCache = new cloudfront.CachePolicy(this, 'ShortCache', {
      comment: 'Playlists, clip records, catalog: 5 seconds',
      minTtl: Duration.seconds(0),
      defaultTtl: SHORT_TTL,
      maxTtl: SHORT_TTL,
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      ...compressedEncodings,
    });

    const cors: cloudfront.ResponseHeadersCorsBehavior = {
      // Signed cookies travel only on credentialed requests, which need an explicit origin echo.
      accessControlAllowCredentials: settings.signedCookies,
      accessControlAllowHeaders: ['Range', 'If-None-Match', 'If-Modified-Since'],
      accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
      accessControlAllowOrigins: settings.allowedOrigins,
      accessControlExposeHeaders: ['ETag', 'Content-Length', 'Content-Range', 'Age'],
      accessControlMaxAge: Duration.hours(1),
      originOverride: true,
    };
    const securityHeaders: cloudfront.ResponseSecurityHeadersBehavior = {
      strictTransportSecurity: HSTS,
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      xssProtection: { protection: true, modeBlock: true, override: true },
      // Media and JSON are never documents: nothing may run or be framed from this origin.
      contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'; sandbox", override: true },
    };
    this.securityHeaders = securityHeaders;
    const headersPolicy = (name: string, cacheControl: string) =>
      new cloudfront.ResponseHeadersPolicy(this, name, {
        comment: `Security headers, CORS, ${cacheControl}`.slice(0, 128),
        corsBehavior: cors,
        securityHeadersBehavior: securityHeaders,
        customHeadersBehavior: { customHeaders: [{ header: 'Cache-Control', value: cacheControl, override: true }] },
        removeHeaders: ['x-amz-server-side-encryption', 'x-amz-version-id'],
      });
    const immutableHeaders = headersPolicy('ImmutableHeaders', IMMUTABLE_CACHE_CONTROL);
    const shortHeaders = headersPolicy('ShortHeaders', SHORT_CACHE_CONTROL);

    if (settings.signedCookies && settings.signedCookiesPublicKey) {
      const key = new cloudfront.PublicKey(this, 'SignedCookiesKey', {
        encodedKey: settings.signedCookiesPublicKey,
        comment: "Verifies CloudFront signed cookies issued by INE's backend",
      });
      this.keyGroup = new cloudfront.KeyGroup(this, 'SignedCookiesKeyGroup', { items: [key] });
    }
    const trustedKeyGroups = this.keyGroup ? [this.keyGroup] : undefined;

    const oac = new cloudfront.S3OriginAccessControl(this, 'OriginAccess');
    // A primary that does not answer within 2 attempts × 3 s fails over; 5xx answers fail over at once.
    const primary = origins.S3BucketOrigin.withOriginAccessControl(bucket, {
      originAccessLevels: [cloudfront.AccessLevel.READ],
      originAccessControl: oac,
      connectionAttempts: 2,
      connectionTimeout: Duration.seconds(3),
    });
    const origin = props.replicaBucket
      ? new origins.OriginGroup({
          primaryOrigin: primary,
          fallbackOrigin: origins.S3BucketOrigin.withOriginAccessControl(props.replicaBucket, {
            originAccessLevels: [cloudfront.AccessLevel.READ],
            originAccessControl: oac,
          }),
          fallbackStatusCodes: [...FAILOVER_STATUS_CODES],
        })
      : primary;
    this.origin = origin;
    const behavior = (
      cachePolicy: cloudfront.ICachePolicy,
      responseHeadersPolicy: cloudfront.IResponseHeadersPolicy,
    ): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      // Preflights are not cached: their answer depends on the request's Origin, not in the cache key.
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      compress: true,
      cachePolicy,
      responseHeadersPolicy,
      functionAssociations,
      trustedKeyGroups,
    });

    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {};
    for (const p of CATALOG_FRAGMENT_PATHS) additionalBehaviors[p] = behavior(immutableCache, immutableHeaders);
    for (const p of SHORT_PATHS) additionalBehaviors[p] = behavior(shortCache, shortHeaders);
    for (const p of IMMUTABLE_PATHS) additionalBehaviors[p] = behavior(immutableCache, immutableHeaders);

    const certificate = settings.certificateArn ? acm.Certificate.fromCertificateArn(this, 'Certificate', settings.certificateArn) : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${settings.namePrefix}: published clips and the public catalog`,
      // Everything outside the behaviours above is refused by the function (404/403).
      defaultBehavior: behavior(shortCache, shortHeaders),
      additionalBehaviors,
      domainNames: settings.domainName ? [settings.domainName] : undefined,
      certificate,
      // TLS policy applies to a custom certificate; the default *.cloudfront.net one is fixed by AWS.
      minimumProtocolVersion: certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      sslSupportMethod: certificate ? cloudfront.SSLMethod.SNI : undefined,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      priceClass: settings.priceClass as cloudfront.PriceClass,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      webAclId: props.webAclArn ?? settings.webAclArn,
      errorResponses: [
        // A short negative cache: a clip published a moment ago must not stay 404 for long.
        { httpStatus: 403, ttl: Duration.seconds(5) },
        { httpStatus: 404, ttl: Duration.seconds(5) },
      ],
    });
    if (props.replicaBucket) {
      // The replica lives in another stack and Region; its bucket policy (replica.ts) grants this account's distributions.
      Annotations.of(this.distribution).acknowledgeWarning(
        '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
        'The replica bucket policy (replica.ts) grants CloudFront reads of media/ and catalog/',
      );
    }
    this.baseUrl = `https://${settings.domainName ?? this.distribution.distributionDomainName}`;
  }

  /**
   * Serves the Web API at `<cdnBaseUrl>/api/*` from its HTTP API endpoint, so the edge web ACL
   * (which cannot be attached to an HTTP API) screens it too. Nothing is cached and every viewer
   * header but Host reaches the API (Authorization, If-Match, Idempotency-Key); the API answers CORS.
   */
  addApi(apiDomain: string): void {
    const apiHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Security headers for the Web API (CORS is answered by the API)',
      securityHeadersBehavior: this.securityHeaders,
    });
    this.distribution.addBehavior(
      `${API_PATH_PATTERN}`,
      new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
      {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: apiHeaders,
        compress: true,
      },
    );
  }
}

/** Where the CDN serves the Web API (the stand-in serves it at the same path). */
export const API_PATH_PATTERN = 'api/*';
