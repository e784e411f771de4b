/**
 * Embargo on AWS: the CloudFront Function's window check agrees with the one rule
 * (src/contract/publication-window.ts) at every instant around the boundaries, by the edge's clock
 * only; the publication sync writes the window with the published flag and schedules each boundary
 * ahead; the stack binds the function to the store and gives the scheduler least privilege.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { Match } from 'aws-cdk-lib/assertions';
import type { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import { viewerRequestSource } from '../../../infra/lib/cdn.ts';
import { atExpression, BoundaryScheduler, boundaryMessage } from '../../../infra/publication/boundaries.ts';
import { clipIdOfEvent } from '../../../infra/indexer/events.ts';
import { encodeWindow, isListedAt, windowOf } from '../../../src/contract/publication-window.ts';
import { buildStack } from './helpers.ts';

const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** The deployed function's source in a VM, with the KeyValueStore and the edge's clock as the only doubles. */
function gateAt(value: string) {
  let edgeNow = 0;
  class EdgeDate extends Date {
    static override now() {
      return edgeNow;
    }
  }
  const cf = { kvs: () => ({ get: async (key: string) => (key === ID ? value : Promise.reject(new Error('not found'))) }) };
  const ctx = vm.createContext({ cf, Date: EdgeDate });
  vm.runInContext(`${viewerRequestSource('kvs').replace(/^import cf from 'cloudfront';$/m, '')}\nthis.handler = handler;`, ctx);
  const handler = ctx.handler as (e: unknown) => Promise<{ statusCode?: number }>;
  return async (now: number, viewerDate?: string) => {
    edgeNow = now;
    const out = await handler({
      request: { uri: `/media/${ID}/720p/seg_00001.m4s`, method: 'GET', headers: viewerDate ? { date: { value: viewerDate } } : {} },
    });
    return out.statusCode ?? 200;
  };
}

describe('embargo at the edge (CloudFront Function + KeyValueStore)', () => {
  const record = { published: true, status: 'ready', metadata: { publishAt: '2027-06-01T06:00:00-06:00', unpublishAt: '2027-06-03T06:00:00-06:00' } };
  const w = windowOf(record);

  it('refuses before publishAt and from unpublishAt on, exactly as the one rule says', async () => {
    const gate = gateAt(encodeWindow(w));
    for (const t of [w.from! - 3600_000, w.from! - 1, w.from!, w.from! + 1, w.until! - 1, w.until!, w.until! + 3600_000]) {
      assert.equal(await gate(t), isListedAt(record, t) ? 200 : 404, new Date(t).toISOString());
    }
  });

  it('a viewer clock skewed by hours changes nothing: only the edge’s clock counts', async () => {
    const gate = gateAt(encodeWindow(w));
    const insideByViewer = new Date(w.from! + 3600_000).toUTCString();
    assert.equal(await gate(w.from! - 3 * 3600_000, insideByViewer), 404);
    assert.equal(await gate(w.from! + 1000, new Date(0).toUTCString()), 200);
  });

  it('open sides, values from before windows, and malformed windows (refused)', async () => {
    assert.equal(await gateAt('w1::')(0), 200);
    assert.equal(await gateAt(`w1::${w.until}`)(w.until! - 1), 200);
    assert.equal(await gateAt('2026-06-01T12:00:00Z')(Date.parse('2030-01-01')), 200, 'a value written before windows: no window');
    assert.equal(await gateAt('w1:abc:')(0), 404);
    assert.equal(await gateAt('w1:1')(0), 404);
  });
});

describe('boundary schedules (EventBridge Scheduler → the indexer queue)', () => {
  const config = { group: 'g', roleArn: 'arn:aws:iam::123456789012:role/r', queueArn: 'arn:aws:sqs:us-east-1:123456789012:q.fifo', bucket: 'b' };

  it('one schedule per boundary still ahead, of a published clip only; repeats are harmless', async () => {
    const sent: CreateScheduleCommand[] = [];
    const names = new Set<string>();
    const scheduler = new BoundaryScheduler(config, {
      async send(c) {
        if (names.has(c.input.Name!)) throw Object.assign(new Error('exists'), { name: 'ConflictException' });
        names.add(c.input.Name!);
        sent.push(c);
      },
    });
    const r = { published: true, status: 'ready', metadata: { publishAt: '2027-06-01T12:00:00.250Z', unpublishAt: '2027-06-02T12:00:00Z' } };
    assert.deepEqual(await scheduler.scheduleFor(ID, r, Date.parse('2027-01-01')), [
      Date.parse(r.metadata.publishAt),
      Date.parse(r.metadata.unpublishAt),
    ]);
    assert.deepEqual(await scheduler.scheduleFor(ID, r, Date.parse('2027-01-01')), [
      Date.parse(r.metadata.publishAt),
      Date.parse(r.metadata.unpublishAt),
    ]);
    assert.equal(sent.length, 2);
    assert.equal(sent[0]!.input.ScheduleExpression, 'at(2027-06-01T12:00:01)', 'rounded up: never early');
    assert.equal(sent[0]!.input.ActionAfterCompletion, 'DELETE');
    assert.equal(sent[0]!.input.Target!.SqsParameters!.MessageGroupId, 'catalog');
    // The indexer reads the message as the record's own change event.
    assert.equal(clipIdOfEvent(sent[0]!.input.Target!.Input!, 'b'), ID);
    assert.deepEqual(await scheduler.scheduleFor(ID, r, Date.parse('2027-06-01T13:00:00Z')), [Date.parse(r.metadata.unpublishAt)]);
    assert.deepEqual(await scheduler.scheduleFor(ID, { ...r, published: false }, 0), []);
    assert.equal(atExpression(Date.parse('2027-06-01T12:00:00Z')), 'at(2027-06-01T12:00:00)');
    assert.equal(clipIdOfEvent(boundaryMessage('other', ID, 0), 'b'), undefined);
  });
});

describe('the stack: window check, store association, scheduler least privilege', () => {
  const { template } = buildStack();

  it('the viewer-request function carries the window check and is bound to the published-id store', () => {
    const fns = template.findResources('AWS::CloudFront::Function');
    const gate = Object.values(fns).find((f) => JSON.stringify(f).includes('insideWindow'));
    assert.ok(gate, 'a CloudFront Function with the window check');
    const code = JSON.stringify((gate as { Properties: { FunctionCode: unknown } }).Properties.FunctionCode);
    assert.match(code, /Date\.now\(\)/);
    assert.match(code, /w1:/);
    const config = (gate as { Properties: { FunctionConfig: { Runtime: string; KeyValueStoreAssociations: unknown[] } } }).Properties.FunctionConfig;
    assert.equal(config.Runtime, 'cloudfront-js-2.0');
    assert.equal(config.KeyValueStoreAssociations.length, 1);
  });

  it('the scheduler role may only send to the indexer queue; the sync Lambda may only create schedules in its group and pass that role', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', {});
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })]) },
      },
    });
    assert.equal(Object.keys(roles).length, 1);
    const [roleId] = Object.keys(roles);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    const statements = Object.values(policies).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement,
    );
    assert.equal(statements.length, 1);
    const only = statements[0] as { Action: unknown; Resource: unknown };
    assert.equal(only.Action, 'sqs:SendMessage');
    assert.match(JSON.stringify(only.Resource), /IndexerChanges/);

    const all = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Array<{ Sid?: string; Action: unknown; Resource: unknown; Condition?: unknown }> } } })
          .Properties.PolicyDocument.Statement,
    );
    const create = all.find((s) => s.Sid === 'CreateBoundarySchedules')!;
    assert.equal(create.Action, 'scheduler:CreateSchedule');
    assert.match(JSON.stringify(create.Resource), /schedule\//);
    assert.doesNotMatch(JSON.stringify(create.Resource), /"\*"/);
    const pass = all.find((s) => s.Sid === 'PassSchedulerRole')!;
    assert.deepEqual(pass.Condition, { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ SCHEDULE_GROUP: Match.anyValue(), SCHEDULER_ROLE_ARN: Match.anyValue(), INDEX_QUEUE_ARN: Match.anyValue() }),
      },
    });
  });
});
