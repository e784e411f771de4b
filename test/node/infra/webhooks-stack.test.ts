/**
 * Webhooks on AWS, asserted on the synthesized template: the pending queue (SSE, TLS-only,
 * dead-letter queue), the delivery Lambda's SQS event source (small batches, bounded concurrency,
 * ReportBatchItemFailures), least-privilege grants, the producers' queue URL and send grant, and
 * the operations alarms (cdk-nag: nag.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WEBHOOK_LIMITS } from '../../../core/events/limits.ts';
import { WEBHOOK_DELIVERY_ENTRY, WEBHOOK_DELIVERY_GRANTS, WEBHOOK_QUEUE_MAX_AGE_SECONDS } from '../../../infra/lib/webhooks.ts';
import { WEBHOOK_QUEUE } from '../../../infra/webhooks/queue-settings.ts';
import { SQS_MAX_DELAY_SECONDS } from '../../../infra/webhooks/sqs-pending-queue.ts';
import { buildStack } from './helpers.ts';

const { template, stack } = buildStack();
type Res = { Type: string; Properties: Record<string, any> };
const resources = template.toJSON().Resources as Record<string, Res>;
const ofType = (t: string) => Object.entries(resources).filter(([, r]) => r.Type === t);
const idOf = (c: any) => stack.getLogicalId(c.node.defaultChild);
const queueId = idOf(stack.webhooks.queue);
const dlqId = idOf(stack.webhooks.deadLetters);
const fnId = idOf(stack.webhooks.fn);

function statementsOf(fn: any): any[] {
  const roleRef = resources[idOf(fn)]!.Properties.Role['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleRef }]))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
}
const actionsOn = (statements: any[], ref: string) =>
  statements.filter((s) => JSON.stringify(s.Resource).includes(`"${ref}"`)).flatMap((s) => [s.Action].flat() as string[]);

describe('webhooks on AWS', () => {
  it('the pending queue is encrypted, TLS-only, and hands a message over at most maxReceiveCount times before the dead-letter queue', () => {
    const q = resources[queueId]!.Properties;
    assert.equal(q.SqsManagedSseEnabled, true);
    assert.deepEqual(q.RedrivePolicy, { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: WEBHOOK_QUEUE.maxReceiveCount });
    assert.equal(q.VisibilityTimeout, WEBHOOK_QUEUE.visibilityTimeoutSeconds);
    assert.ok(q.VisibilityTimeout >= 6 * WEBHOOK_QUEUE.functionTimeoutSeconds, "AWS's advice: six times the function's timeout");
    const dlq = resources[dlqId]!.Properties;
    assert.equal(dlq.SqsManagedSseEnabled, true);
    assert.equal(dlq.MessageRetentionPeriod, WEBHOOK_QUEUE.deadLetterRetentionDays * 86400);
    for (const id of [queueId, dlqId]) {
      const [, policy] = ofType('AWS::SQS::QueuePolicy').find(([, p]) => JSON.stringify(p.Properties.Queues) === JSON.stringify([{ Ref: id }]))!;
      assert.ok(
        (policy.Properties.PolicyDocument.Statement as any[]).some(
          (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
        ),
        `${id} refuses requests without TLS`,
      );
    }
  });

  it('the delivery Lambda consumes it in small batches, reporting failed items, with a bounded number of concurrent batches', () => {
    const [[, esm]] = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn).includes(queueId)) as [
      [string, Res],
    ];
    assert.deepEqual(esm.Properties.FunctionName, { Ref: fnId });
    assert.equal(esm.Properties.BatchSize, WEBHOOK_QUEUE.batchSize);
    assert.deepEqual(esm.Properties.FunctionResponseTypes, ['ReportBatchItemFailures']);
    assert.equal(esm.Properties.ScalingConfig.MaximumConcurrency, WEBHOOK_QUEUE.maxConcurrency);
    assert.ok(WEBHOOK_QUEUE.maxConcurrency >= 2, 'the least SQS event sources accept');
    assert.ok(
      WEBHOOK_QUEUE.batchSize * WEBHOOK_QUEUE.maxConcurrency <= WEBHOOK_LIMITS.maxConcurrent,
      "no more attempts in flight than the stand-in's limit",
    );
    const fn = resources[fnId]!.Properties;
    assert.equal(fn.Timeout, WEBHOOK_QUEUE.functionTimeoutSeconds);
    assert.ok(
      fn.Timeout * 1000 >= Math.ceil(WEBHOOK_QUEUE.batchSize / WEBHOOK_LIMITS.maxConcurrentPerTarget) * WEBHOOK_LIMITS.attemptTimeoutMs,
      'a batch to one target that never answers finishes within the timeout',
    );
    assert.deepEqual(fn.Environment.Variables.INE_WEBHOOK_QUEUE_URL, { Ref: queueId });
    assert.ok(fn.Environment.Variables.INE_MEDIA_BUCKET);
    assert.ok(WEBHOOK_DELIVERY_ENTRY.startsWith('infra/webhooks/'));
    assert.ok(SQS_MAX_DELAY_SECONDS <= 900);
  });

  it('least privilege: the delivery Lambda consumes and sends to its queue, reads subscriptions and appends delivery logs, nothing else in the bucket', () => {
    const st = statementsOf(stack.webhooks.fn);
    const onQueue = actionsOn(st, queueId);
    for (const a of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage']) assert.ok(onQueue.includes(a), a);
    assert.equal(actionsOn(st, dlqId).length, 0, 'the dead-letter queue is SQS’s to fill');
    const bucketId = idOf(stack.storage.bucket);
    const objectGrants = st.filter(
      (s) => JSON.stringify(s.Resource).includes(`${bucketId}.Arn`) || JSON.stringify(s.Resource).includes(`"${bucketId}"`),
    );
    const byPrefix = new Map<string, string[]>();
    for (const s of objectGrants) {
      const joined = JSON.stringify(s.Resource);
      const prefix = /\/([^"]*)"\]\]\}$/.exec(joined)?.[1] ?? /"\/([^"]+)"/.exec(joined)?.[1] ?? '(bucket)';
      byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), ...[s.Action].flat()]);
    }
    const expected = new Map<string, string[]>([
      ['(bucket)', ['s3:ListBucket']],
      ...WEBHOOK_DELIVERY_GRANTS.map((g) => [g.prefix, g.actions] as [string, string[]]),
    ]);
    assert.deepEqual([...byPrefix].map(([p, a]) => [p, a.sort()]).sort(), [...expected].map(([p, a]) => [p, [...a].sort()]).sort());
    for (const a of [...byPrefix.values()].flat()) assert.doesNotMatch(a, /Delete|\*/, a);
  });

  it('the API and packaging Lambdas may send to the queue (only send) and know its URL', () => {
    for (const fn of [stack.api.fn, stack.packaging.onUpload, stack.packaging.onJobFinished]) {
      const onQueue = actionsOn(statementsOf(fn), queueId);
      assert.ok(onQueue.includes('sqs:SendMessage'), fn.node.path);
      assert.ok(!onQueue.some((a) => /Receive|Delete|Purge/.test(a)), `${fn.node.path}: ${onQueue.join(', ')}`);
      assert.deepEqual(resources[idOf(fn)]!.Properties.Environment.Variables.INE_WEBHOOK_QUEUE_URL, { Ref: queueId });
    }
  });

  it('alarms: any dead letter, and a pending message older than a hop and a hand-over (delayed retries are normal)', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
    const on = (id: string, metric: string) => alarms.find((a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(`"${id}"`));
    assert.equal(on(dlqId, 'ApproximateNumberOfMessagesVisible')?.Threshold, 1);
    assert.equal(on(queueId, 'ApproximateAgeOfOldestMessage')?.Threshold, WEBHOOK_QUEUE_MAX_AGE_SECONDS);
    assert.ok(WEBHOOK_QUEUE_MAX_AGE_SECONDS > SQS_MAX_DELAY_SECONDS + WEBHOOK_QUEUE.visibilityTimeoutSeconds);
    // The indexer's work queue keeps its own 5 minutes.
    assert.equal(on(idOf(stack.indexer.queue), 'ApproximateAgeOfOldestMessage')?.Threshold, 300);
  });
});
