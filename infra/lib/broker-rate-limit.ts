/**
 * The token broker's shared login counters (infra/broker/dynamodb-counter-store.ts): every broker
 * instance counts failed logins in this table, so a Lambda scaling out gives an attacker no fresh
 * budget. Items are tiny windows that DynamoDB's TTL deletes after they end; keys are hashes (no
 * user names or addresses). Only the broker's policy may touch it, and only with the two calls the
 * store makes (UpdateItem, GetItem).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { COUNTER_ITEM } from '../broker/dynamodb-counter-store.ts';

export interface BrokerRateLimitProps {
  /** The broker's managed policy (identity.ts): the only grantee. */
  brokerPolicy: iam.ManagedPolicy;
}

export class BrokerRateLimit extends Construct {
  readonly table: dynamodb.Table;
  constructor(scope: Construct, id: string, props: BrokerRateLimitProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Counters', {
      partitionKey: { name: COUNTER_ITEM.key, type: dynamodb.AttributeType.STRING },
      // Logins are bursty and small: no capacity to plan or pay for when idle.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: COUNTER_ITEM.ttl,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Counts are worth nothing after their window (15 minutes by default): nothing to keep when the stack goes.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    props.brokerPolicy.addStatements(
      new iam.PolicyStatement({
        sid: 'CountFailedLogins',
        actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
        resources: [this.table.tableArn],
      }),
    );
  }
}
