/**
 * Security headers for the pages that embed the elements: the Content-Security-Policy of
 * page-csp.ts, HSTS, nosniff, a referrer policy, no framing by other sites. The CDN itself serves
 * only media and JSON (cdn.ts gives those `default-src 'none'`); this policy is for a distribution
 * or behaviour that serves pages.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { pageContentSecurityPolicy, type PageCspInput } from './page-csp.ts';

export { pageContentSecurityPolicy, type PageCspInput };

/** HSTS for two years with subdomains and preload: what the hstspreload.org list requires (≥ 1 year). */
export const HSTS = { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true } as const;

export class PageHeaders extends Construct {
  readonly policy: cloudfront.ResponseHeadersPolicy;
  constructor(scope: Construct, id: string, csp: PageCspInput) {
    super(scope, id);
    this.policy = new cloudfront.ResponseHeadersPolicy(this, 'Policy', {
      comment: 'Pages that embed the INE video elements: CSP, HSTS, nosniff, referrer policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: pageContentSecurityPolicy(csp), override: true },
        strictTransportSecurity: HSTS,
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.SAMEORIGIN, override: true },
      },
    });
  }
}
