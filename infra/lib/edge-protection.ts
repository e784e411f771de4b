/**
 * AWS WAF in front of everything reachable from the Internet.
 *
 * - `EdgeWebAcl` (CLOUDFRONT scope) for the distribution: AWS managed rule groups (common rule set,
 *   known bad inputs, Amazon IP reputation list) and a rate-based rule per client IP. AWS creates
 *   CLOUDFRONT-scope web ACLs only in us-east-1, so the stack creates it when it is deployed there
 *   (or is Region-agnostic, with a CloudFormation rule refusing any other Region); a stack deployed
 *   elsewhere must be given one with `ine:webAclArn` (docs/deploy.md).
 * - `RegionalWebAcl` (REGIONAL scope) for the token broker / API endpoints: the same managed groups
 *   and a much tighter per-IP rate limit (logins, not video segments). The stack has no API Gateway
 *   of its own (the broker runs where INE chooses, docs/deploy.md §8), so the ACL takes resource ARNs:
 *   `ine:regionalWafResourceArns`, or `associate(arn)` from a construct that adds an endpoint.
 *
 * Rules count nothing and block by default; each rule emits CloudWatch metrics (alarms.ts watches
 * BlockedRequests) and sampled requests for investigation.
 */
import { Aws, CfnRule, Fn, Stack, Token } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { IneSettings } from './settings.ts';

/** AWS managed rule groups on both ACLs, in evaluation order (cheap IP reputation first). */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesCommonRuleSet',
] as const;
export const RATE_RULE_NAME = 'rate-per-client-ip';
/** The only Region where AWS accepts CLOUDFRONT-scope web ACLs (and publishes CloudFront/WAF edge metrics). */
export const EDGE_REGION = 'us-east-1';

/** Whether this stack may hold CLOUDFRONT-scope resources: deployed in us-east-1, or Region-agnostic (guarded at deploy). */
export function stackCanHoldEdgeResources(stack: Stack): boolean {
  return Token.isUnresolved(stack.region) || stack.region === EDGE_REGION;
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

function rules(rateLimit: number, exempt?: wafv2.CfnWebACL.StatementProperty): wafv2.CfnWebACL.RuleProperty[] {
  const managed = MANAGED_RULE_GROUPS.map((name, i): wafv2.CfnWebACL.RuleProperty => ({
    name,
    priority: i,
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    overrideAction: { none: {} },
    visibilityConfig: visibility(name),
  }));
  const rate: wafv2.CfnWebACL.RuleProperty = {
    name: RATE_RULE_NAME,
    priority: MANAGED_RULE_GROUPS.length,
    statement: {
      rateBasedStatement: {
        aggregateKeyType: 'IP',
        limit: rateLimit,
        evaluationWindowSec: 300,
        scopeDownStatement: exempt && { notStatement: { statement: exempt } },
      },
    },
    action: { block: { customResponse: { responseCode: 429 } } },
    visibilityConfig: visibility(RATE_RULE_NAME),
  };
  // Rate first: a flood is dropped before the (costlier) managed inspections.
  return [{ ...rate, priority: 0 }, ...managed.map((r) => ({ ...r, priority: r.priority + 1 }))];
}

interface WebAclProps {
  settings: IneSettings;
}

export class EdgeWebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;
  /** The `WebACL` dimension of AWS/WAFV2 metrics. */
  readonly metricName: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (!stackCanHoldEdgeResources(stack)) {
      throw new Error(
        `A CLOUDFRONT-scope web ACL can only be created in ${EDGE_REGION}; this stack is in ${stack.region}. Deploy in ${EDGE_REGION} or pass ine:webAclArn (docs/deploy.md).`,
      );
    }
    if (Token.isUnresolved(stack.region)) {
      new CfnRule(this, 'EdgeRegionOnly', {
        assertions: [
          {
            assert: Fn.conditionEquals(Aws.REGION, EDGE_REGION),
            assertDescription: `The CDN web ACL (CLOUDFRONT scope) exists only in ${EDGE_REGION}: deploy this stack there or set ine:webAclArn.`,
          },
        ],
      });
    }
    this.metricName = `${props.settings.namePrefix}-edge`;
    // INE's own egress networks (many viewers behind one address) skip the rate limit, nothing else.
    const sets = (['IPV4', 'IPV6'] as const).flatMap((version) => {
      const addresses = props.settings.rateExemptCidrs.filter((c) => c.includes(':') === (version === 'IPV6'));
      return addresses.length
        ? [
            new wafv2.CfnIPSet(this, `RateExempt${version}`, {
              scope: 'CLOUDFRONT',
              ipAddressVersion: version,
              addresses,
              description: 'Exempt from the per-IP rate limit, ine:rateExemptCidrs',
            }),
          ]
        : [];
    });
    const refs = sets.map((set): wafv2.CfnWebACL.StatementProperty => ({ ipSetReferenceStatement: { arn: set.attrArn } }));
    const exempt = refs.length > 1 ? { orStatement: { statements: refs } } : refs[0];
    this.acl = new wafv2.CfnWebACL(this, 'Acl', {
      name: this.metricName,
      description: 'CDN: AWS managed rules and a per-IP rate limit',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rules: rules(props.settings.edgeRateLimitPer5Min, exempt),
      visibilityConfig: visibility(this.metricName),
    });
  }
}

export class RegionalWebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;
  readonly metricName: string;
  private count = 0;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    this.metricName = `${props.settings.namePrefix}-api`;
    this.acl = new wafv2.CfnWebACL(this, 'Acl', {
      name: this.metricName,
      description: 'Token broker and API endpoints: AWS managed rules and a per-IP rate limit',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rules: rules(props.settings.apiRateLimitPer5Min),
      visibilityConfig: visibility(this.metricName),
    });
    for (const arn of props.settings.regionalWafResourceArns) this.associate(arn);
  }

  /** Put a regional endpoint (API Gateway stage ARN, ALB ARN, ...) behind this ACL. */
  associate(resourceArn: string): wafv2.CfnWebACLAssociation {
    return new wafv2.CfnWebACLAssociation(this, `Association${this.count++}`, { resourceArn, webAclArn: this.acl.attrArn });
  }
}
