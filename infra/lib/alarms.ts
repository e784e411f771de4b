/**
 * Operations: CloudWatch alarms to one encrypted SNS topic, and a dashboard.
 *
 * Watched (thresholds in `THRESHOLDS`, reasons in docs/deploy.md "Availability budget"):
 * - API endpoints behind the regional web ACL (HTTP APIs, load balancers): 5xx answers;
 * - the edge: CloudFront 5xx error rate and origin latency (CloudFront's additional metrics are
 *   switched on for the latter), WAF blocked-request spikes on the CDN and API web ACLs;
 * - packaging: MediaConvert jobs of this stack's queue that end in ERROR (an EventBridge rule whose
 *   MatchedEvents metric is the count);
 * - every Lambda function in the stack: errors and throttles; every SQS queue (the failed-event
 *   queues): any message waiting. Found at synthesis (an Aspect), so functions and queues added
 *   anywhere in the stack, before or after this construct, are covered.
 *
 * CloudFront and CLOUDFRONT-scope WAF metrics exist only in us-east-1, so those alarms are created
 * only when the stack is there (edge-protection.ts `stackCanHoldEdgeResources`).
 */
import { Aspects, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { stackCanHoldEdgeResources } from './edge-protection.ts';
import type { IneSettings } from './settings.ts';

export const THRESHOLDS = {
  /** % of viewer requests answered 5xx, per minute, 3 minutes out of 5. */
  edge5xxRatePercent: 1,
  /** p90 origin latency (ms) over 5 minutes, 3 periods in a row: S3 first-byte is ~50-100 ms. */
  originLatencyP90Ms: 1000,
  /** Requests blocked by a web ACL in 5 minutes: a flood or a scan, not a few bad clients. */
  wafBlockedPer5Min: 50_000,
  /** 5xx answers of an API endpoint in 5 minutes (logins are few: a handful of failures is an outage). */
  api5xxPer5Min: 5,
} as const;

/**
 * The 5xx metric of a regional endpoint, from its ARN: HTTP APIs (`…/apis/<id>/stages/<stage>`) and
 * Application Load Balancers. REST APIs publish 5xx by API *name*, which the ARN does not carry:
 * alarm on those where the API is defined.
 */
export function endpoint5xxMetric(arn: string): cloudwatch.Metric | undefined {
  const period = Duration.minutes(5);
  const httpApi = /^arn:[^:]+:apigateway:[^:]+::\/apis\/([^/]+)\/stages\/([^/]+)$/.exec(arn);
  if (httpApi)
    return new cloudwatch.Metric({
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      statistic: 'Sum',
      period,
      dimensionsMap: { ApiId: httpApi[1]!, Stage: httpApi[2]! },
    });
  const alb = /^arn:[^:]+:elasticloadbalancing:[^:]+:\d+:loadbalancer\/(app\/[^/]+\/[^/]+)$/.exec(arn);
  if (alb)
    return new cloudwatch.Metric({
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      statistic: 'Sum',
      period,
      dimensionsMap: { LoadBalancer: alb[1]! },
    });
  return undefined;
}

export interface AlarmsProps {
  settings: IneSettings;
  distribution: cloudfront.IDistribution;
  mediaConvertQueueArn: string;
  /** `WebACL` metric dimension of the CDN's web ACL (when the stack created it). */
  edgeWebAclName?: string;
  /** `WebACL` metric dimension of the regional web ACL. */
  apiWebAclName?: string;
  /** Regional API endpoints (ARNs) whose 5xx answers are alarmed. */
  apiEndpointArns?: string[];
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const { settings } = props;
    const stack = Stack.of(this);
    const edge = stackCanHoldEdgeResources(stack);

    this.key = new kms.Key(this, 'Key', {
      description: `${settings.namePrefix}: alarm notifications`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchPublishesAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { displayName: `${settings.namePrefix} alarms`, masterKey: this.key, enforceSSL: true });
    if (settings.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(settings.alarmEmail));
    const action = new cwActions.SnsAction(this.topic);

    const alarm = (
      alarmId: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      description: string,
      evaluationPeriods = 1,
      datapointsToAlarm = evaluationPeriods,
    ) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods,
        datapointsToAlarm,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
      return a;
    };

    const widgets: cloudwatch.IWidget[] = [];
    if (edge) {
      // OriginLatency is one of CloudFront's additional metrics (about $2.40 a month per distribution).
      new cloudfront.CfnMonitoringSubscription(this, 'CdnAdditionalMetrics', {
        distributionId: props.distribution.distributionId,
        monitoringSubscription: { realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: 'Enabled' } },
      });
      const cf = (metricName: string, statistic: string, period: Duration) =>
        new cloudwatch.Metric({
          namespace: 'AWS/CloudFront',
          metricName,
          statistic,
          period,
          region: 'us-east-1',
          dimensionsMap: { DistributionId: props.distribution.distributionId, Region: 'Global' },
        });
      const edge5xx = cf('5xxErrorRate', 'Average', Duration.minutes(1));
      const originLatency = cf('OriginLatency', 'p90', Duration.minutes(5));
      alarm(
        'Edge5xxRate',
        edge5xx,
        THRESHOLDS.edge5xxRatePercent,
        `CDN: ${THRESHOLDS.edge5xxRatePercent}% or more of viewer requests answered 5xx (3 of 5 minutes)`,
        5,
        3,
      );
      alarm(
        'OriginLatency',
        originLatency,
        THRESHOLDS.originLatencyP90Ms,
        `CDN: origin p90 latency at or above ${THRESHOLDS.originLatencyP90Ms} ms for 15 minutes`,
        3,
      );
      widgets.push(
        new cloudwatch.GraphWidget({ title: 'CDN requests', left: [cf('Requests', 'Sum', Duration.minutes(1))], width: 8 }),
        new cloudwatch.GraphWidget({ title: 'CDN error rates (%)', left: [edge5xx, cf('4xxErrorRate', 'Average', Duration.minutes(1))], width: 8 }),
        new cloudwatch.GraphWidget({
          title: 'CDN origin latency p90 (ms), cache hit rate (%)',
          left: [originLatency],
          right: [cf('CacheHitRate', 'Average', Duration.minutes(5))],
          width: 8,
        }),
      );
      if (props.edgeWebAclName) {
        const blocked = new cloudwatch.Metric({
          namespace: 'AWS/WAFV2',
          metricName: 'BlockedRequests',
          statistic: 'Sum',
          period: Duration.minutes(5),
          region: 'us-east-1',
          dimensionsMap: { WebACL: props.edgeWebAclName, Rule: 'ALL' },
        });
        alarm(
          'EdgeWafBlockedSpike',
          blocked,
          THRESHOLDS.wafBlockedPer5Min,
          `CDN web ACL blocked ${THRESHOLDS.wafBlockedPer5Min} or more requests in 5 minutes`,
        );
        widgets.push(new cloudwatch.GraphWidget({ title: 'CDN WAF blocked requests', left: [blocked], width: 8 }));
      }
    }
    if (props.apiWebAclName) {
      const blocked = new cloudwatch.Metric({
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        statistic: 'Sum',
        period: Duration.minutes(5),
        dimensionsMap: { WebACL: props.apiWebAclName, Rule: 'ALL', Region: stack.region },
      });
      alarm(
        'ApiWafBlockedSpike',
        blocked,
        THRESHOLDS.wafBlockedPer5Min / 10,
        `API web ACL blocked ${THRESHOLDS.wafBlockedPer5Min / 10} or more requests in 5 minutes`,
      );
      widgets.push(new cloudwatch.GraphWidget({ title: 'API WAF blocked requests', left: [blocked], width: 8 }));
    }

    (props.apiEndpointArns ?? []).forEach((arn, i) => {
      const metric = endpoint5xxMetric(arn);
      if (!metric) return;
      alarm(`Api5xx${i}`, metric, THRESHOLDS.api5xxPer5Min, `API ${arn}: ${THRESHOLDS.api5xxPer5Min} or more 5xx answers in 5 minutes`);
      widgets.push(new cloudwatch.GraphWidget({ title: `API 5xx ${arn.split(/[:/]/).slice(-3).join('/')}`.slice(0, 100), left: [metric], width: 8 }));
    });

    // MediaConvert: jobs of this stack's queue that failed.
    const jobErrored = new events.Rule(this, 'MediaConvertJobErrored', {
      description: "Counts MediaConvert jobs of this stack's queue that ended in ERROR (alarmed on MatchedEvents)",
      eventPattern: {
        source: ['aws.mediaconvert'],
        detailType: ['MediaConvert Job State Change'],
        detail: { status: ['ERROR'], queue: [props.mediaConvertQueueArn] },
      },
    });
    const jobErrors = new cloudwatch.Metric({
      namespace: 'AWS/Events',
      metricName: 'MatchedEvents',
      statistic: 'Sum',
      period: Duration.minutes(5),
      dimensionsMap: { RuleName: jobErrored.ruleName },
    });
    alarm('MediaConvertJobErrors', jobErrors, 1, "Packaging: a MediaConvert job of this stack's queue failed");
    widgets.push(new cloudwatch.GraphWidget({ title: 'MediaConvert failed jobs', left: [jobErrors], width: 8 }));

    // Every function and queue of the stack, whichever construct adds it and in whatever order:
    // an Aspect, run at synthesis when the tree is complete.
    const errorsGraph = new cloudwatch.GraphWidget({ title: 'Lambda errors', width: 8 });
    const throttlesGraph = new cloudwatch.GraphWidget({ title: 'Lambda throttles', width: 8 });
    widgets.push(errorsGraph, throttlesGraph);
    const watched = new Set<IConstruct>();
    const pathId = (c: IConstruct) => c.node.path.split('/').slice(1).join('');
    Aspects.of(stack).add({
      visit: (node: IConstruct) => {
        if (watched.has(node)) return;
        if (node instanceof lambda.Function) {
          watched.add(node);
          const period = Duration.minutes(5);
          alarm(`${pathId(node)}Errors`, node.metricErrors({ period }), 1, `Lambda ${node.node.path}: invocation errors`);
          alarm(`${pathId(node)}Throttles`, node.metricThrottles({ period }), 1, `Lambda ${node.node.path}: throttled invocations`);
          errorsGraph.addLeftMetric(node.metricErrors({ period, label: node.node.id }));
          throttlesGraph.addLeftMetric(node.metricThrottles({ period, label: node.node.id }));
        } else if (node instanceof sqs.Queue && node.deadLetterQueue) {
          // A work queue (the catalog indexer's): messages waiting is normal; waiting long is not.
          watched.add(node);
          alarm(
            `${pathId(node)}Behind`,
            node.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
            // A queue may hold messages back on purpose (the webhook retries): it says how long is normal.
            Number(node.node.tryGetContext('ine:queueMaxAgeSeconds') ?? 300),
            `${node.node.path}: a change has waited more than 5 minutes (the consumer is failing or behind)`,
          );
        } else if (node instanceof sqs.Queue) {
          watched.add(node);
          alarm(
            `${pathId(node)}Waiting`,
            node.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
            1,
            `${node.node.path}: failed events are waiting for inspection and replay`,
          );
        }
      },
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `${settings.namePrefix}-operations`, widgets: [widgets] });
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
  }
}
