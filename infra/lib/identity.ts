/**
 * Cognito Identity for uploaders and admins, with INE's backend (the token broker) as the only
 * authority on who is who.
 *
 * Design: ONE IDENTITY POOL PER ROLE. Cognito's rules-based role mapping matches claims of ID tokens
 * from user pools, OIDC and SAML providers; a developer-authenticated identity has no such claims
 * to match, and token-based mapping needs `cognito:roles` claims that only user pools issue. So each
 * pool has exactly one authenticated role (its default), and the broker chooses the role by choosing
 * the pool: it calls GetOpenIdTokenForDeveloperIdentity on the uploader pool or the admin pool. The
 * elements never need the pool id for this (GetCredentialsForIdentity takes the identity id the
 * broker returns), so nothing changes on the page. The broker also passes `PrincipalTags {role}`,
 * which is how the local stand-in carries the role in its single pool; on AWS it is informational.
 *
 * Unauthenticated identities: OFF in both pools. Viewers make no AWS API calls at all (they read the
 * CDN), so an unauthenticated role would only add an attack surface and GetId load (25 RPS quota).
 * The classic (basic) flow is off too: credentials only through the pool's role attachment.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { renderPolicy } from '../policies/render.ts';
import { SIGNED_IN_ROLES, type SignedInRole } from '../policies/roles.ts';
import type { IneSettings } from './settings.ts';

export { SIGNED_IN_ROLES, type SignedInRole } from '../policies/roles.ts';

export interface IdentityProps {
  settings: IneSettings;
  bucket: s3.IBucket;
}

export class Identity extends Construct {
  readonly pools: Record<SignedInRole, cognito.CfnIdentityPool>;
  readonly roles: Record<SignedInRole, iam.Role>;
  /** Attach to the token broker's runtime role (or give to the IAM user INE's backend runs as). */
  readonly brokerPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const { settings, bucket } = props;
    const pools = {} as Record<SignedInRole, cognito.CfnIdentityPool>;
    const roles = {} as Record<SignedInRole, iam.Role>;

    for (const role of SIGNED_IN_ROLES) {
      const Role = role[0]!.toUpperCase() + role.slice(1);
      const pool = new cognito.CfnIdentityPool(this, `${Role}Pool`, {
        identityPoolName: `${settings.namePrefix}-${role}`.replace(/-/g, '_'),
        allowUnauthenticatedIdentities: false,
        allowClassicFlow: false,
        developerProviderName: settings.developerProviderName,
      });
      const iamRole = new iam.Role(this, `${Role}Role`, {
        description: `INE video elements: ${role} (Cognito identities vouched for by INE's token broker)`,
        assumedBy: new iam.FederatedPrincipal(
          'cognito-identity.amazonaws.com',
          {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': pool.ref },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
          },
          'sts:AssumeRoleWithWebIdentity',
        ).withSessionTags(),
      });
      // The shared policy document, exactly as the stand-in enforces it. PolicyDocument.fromJson
      // validates it (and throws on a malformed statement) but would re-shape it on output (sorted
      // keys, one-element arrays collapsed), so the template carries the rendered JSON itself:
      // byte for byte the stand-in's policy once the bucket ARN is resolved (test/node/infra).
      const rendered = renderPolicy(role, bucket.bucketName);
      const errors = iam.PolicyDocument.fromJson(rendered).validateForIdentityPolicy();
      if (errors.length) throw new Error(`infra/policies/${role}.json: ${errors.join('; ')}`);
      (iamRole.node.defaultChild as iam.CfnRole).policies = [{ policyName: `ine-${role}`, policyDocument: rendered }];

      new cognito.CfnIdentityPoolRoleAttachment(this, `${Role}Roles`, {
        identityPoolId: pool.ref,
        roles: { authenticated: iamRole.roleArn },
      });
      pools[role] = pool;
      roles[role] = iamRole;
    }
    this.pools = pools;
    this.roles = roles;

    this.brokerPolicy = new iam.ManagedPolicy(this, 'BrokerPolicy', {
      description: 'INE token broker: issue developer-identity tokens for the uploader and admin pools',
      statements: [
        new iam.PolicyStatement({
          sid: 'IssueDeveloperIdentityTokens',
          actions: ['cognito-identity:GetOpenIdTokenForDeveloperIdentity', 'cognito-identity:LookupDeveloperIdentity'],
          resources: SIGNED_IN_ROLES.map((r) => poolArn(this, pools[r])),
        }),
      ],
    });
  }
}

function poolArn(scope: Construct, pool: cognito.CfnIdentityPool): string {
  return Stack.of(scope).formatArn({ service: 'cognito-identity', resource: 'identitypool', resourceName: pool.ref });
}
