/**
 * The broker's login limits apart from LDAP: which address counts as the client (X-Forwarded-For
 * is trusted only as far as the configured proxies), and the counter stores every instance shares.
 *
 * Real DynamoDB cannot run here (no AWS account, and DynamoDB Local needs a JVM download this machine cannot make),
 * so the DynamoDB store runs against FakeDynamoDb below: an in-memory table that applies the
 * UpdateItem/GetItem semantics the store relies on (atomic conditional updates, ADD, SET,
 * ConditionalCheckFailedException, strongly consistent reads), interleaving callers between the
 * calls like concurrent Lambda instances would.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { describe, it } from 'node:test';
import {
  clientAddress,
  DynamoDbCounterStore,
  LoginLimiter,
  MemoryCounterStore,
  nodeListener,
  requestFromEvent,
  DEFAULT_LOGIN_LIMITS,
  type Broker,
  type BrokerRequest,
  type DynamoDbItemApi,
} from '../../../infra/broker/index.ts';
import { trustedProxyHopsFromEnv } from '../../../infra/broker/client-address.ts';

type Value = { S: string } | { N: string };
type Item = Record<string, Value>;
type UpdateInput = Parameters<DynamoDbItemApi['updateItem']>[0];

class ConditionalCheckFailedException extends Error {
  override name = 'ConditionalCheckFailedException';
}

/** The expression subset DynamoDbCounterStore uses, evaluated for real on an in-memory table. */
class FakeDynamoDb implements DynamoDbItemApi {
  readonly items = new Map<string, Item>();
  calls: string[] = [];
  /** Called after a request is "in flight" and before it applies: lets a test interleave another instance. */
  beforeApply?: (input: UpdateInput) => Promise<void>;

  async getItem(input: Parameters<DynamoDbItemApi['getItem']>[0]): Promise<{ Item?: Item }> {
    assert.equal(input.ConsistentRead, true, 'limits must read what other instances just wrote');
    this.calls.push('GetItem');
    const item = this.items.get(this.pk(input.Key));
    return item ? { Item: structuredClone(item) } : {};
  }

  async updateItem(input: UpdateInput): Promise<{ Attributes?: Item }> {
    this.calls.push(`UpdateItem ${input.UpdateExpression}`);
    await this.beforeApply?.(input);
    const pk = this.pk(input.Key);
    const current = this.items.get(pk);
    const attr = (ref: string) => input.ExpressionAttributeNames[ref] ?? ref;
    const val = (ref: string) => Number((input.ExpressionAttributeValues[ref] as { N: string }).N);
    const num = (item: Item | undefined, name: string) => (item?.[name] && 'N' in item[name]! ? Number((item[name] as { N: string }).N) : undefined);
    const holds = (clause: string): boolean => {
      let m = /^attribute_not_exists\((#\w+)\)$/.exec(clause);
      if (m) return num(current, attr(m[1]!)) === undefined;
      m = /^attribute_exists\((#\w+)\)$/.exec(clause);
      if (m) return num(current, attr(m[1]!)) !== undefined;
      m = /^(#\w+) (>|<=) (:\w+)$/.exec(clause);
      if (m) {
        const left = num(current, attr(m[1]!));
        if (left === undefined) return false; // comparisons with a missing attribute are false in DynamoDB
        return m[2] === '>' ? left > val(m[3]!) : left <= val(m[3]!);
      }
      throw new Error(`FakeDynamoDb: unsupported condition ${clause}`);
    };
    if (!input.ConditionExpression.split(' OR ').some(holds)) throw new ConditionalCheckFailedException('The conditional request failed');
    const next: Item = { ...(current ?? { pk: input.Key.pk! }) };
    const add = /^ADD (#\w+) (:\w+)$/.exec(input.UpdateExpression);
    if (add) next[attr(add[1]!)] = { N: String((num(current, attr(add[1]!)) ?? 0) + val(add[2]!)) };
    else if (input.UpdateExpression.startsWith('SET ')) {
      for (const part of input.UpdateExpression.slice(4).split(', ')) {
        const [name, ref] = part.split(' = ') as [string, string];
        next[attr(name)] = { N: String(val(ref)) };
      }
    } else throw new Error(`FakeDynamoDb: unsupported update ${input.UpdateExpression}`);
    this.items.set(pk, next);
    return { Attributes: structuredClone(next) };
  }

  private pk(key: Item): string {
    return (key.pk as { S: string }).S;
  }
}

describe('client address: X-Forwarded-For only as far as the configured proxies', () => {
  it('takes the address the given number of hops from the right; 0 ignores the header', () => {
    assert.equal(clientAddress('10.0.0.2', '6.6.6.6', 0), '10.0.0.2', 'no proxy: a forged header means nothing');
    assert.equal(clientAddress('10.0.0.2', '6.6.6.6, 198.51.100.7', 1), '198.51.100.7', 'one proxy: the address it appended');
    assert.equal(clientAddress('10.0.0.3', '6.6.6.6, 198.51.100.7, 10.0.0.2', 2), '198.51.100.7', 'two proxies');
    assert.equal(clientAddress('10.0.0.2', undefined, 1), '10.0.0.2', 'a request that skipped the proxy: the peer');
    assert.equal(clientAddress('10.0.0.2', ' , ,', 3), '10.0.0.2');
    assert.equal(clientAddress(undefined, '6.6.6.6', 1), undefined);
  });

  it("a Node server behind one proxy counts the proxy's view, not the left-most entry the caller wrote", async () => {
    const seen: Array<string | undefined> = [];
    const broker: Broker = {
      async handle(req: BrokerRequest) {
        seen.push(req.clientIp);
        return { status: 401, headers: {}, body: '{}' };
      },
      login: () => Promise.reject(new Error('unused')),
      close: () => {},
    };
    const servers: Server[] = [];
    try {
      for (const opts of [{ trustProxy: true }, {}]) {
        const server = createServer(nodeListener(broker, opts));
        servers.push(server);
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/login`;
        await fetch(url, { method: 'POST', headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' }, body: '{}' });
      }
      assert.deepEqual(seen, ['198.51.100.7', '127.0.0.1']);
    } finally {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    }
  });

  it('on Lambda: the source IP API Gateway saw, or the configured hops of X-Forwarded-For (which ends with it)', () => {
    const event = {
      rawPath: '/login',
      requestContext: { http: { method: 'POST', sourceIp: '130.176.1.1' } },
      headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 130.176.1.1' },
      body: '{}',
    };
    assert.equal(requestFromEvent(event).clientIp, '130.176.1.1');
    assert.equal(requestFromEvent(event, { trustedProxyHops: 1 }).clientIp, '198.51.100.7', 'behind CloudFront');
  });

  it('reads the hop count from the environment and refuses nonsense', () => {
    assert.equal(trustedProxyHopsFromEnv({}), 0);
    assert.equal(trustedProxyHopsFromEnv({ INE_BROKER_TRUST_PROXY: 'true' }), 1);
    assert.equal(trustedProxyHopsFromEnv({ INE_BROKER_TRUSTED_PROXY_HOPS: '2', INE_BROKER_TRUST_PROXY: 'true' }), 2);
    for (const bad of ['-1', '1.5', 'yes', '11'])
      assert.throws(() => trustedProxyHopsFromEnv({ INE_BROKER_TRUSTED_PROXY_HOPS: bad }), /INE_BROKER_TRUSTED_PROXY_HOPS must be a whole number/);
  });
});

describe('counter stores', () => {
  const T0 = Date.parse('2026-06-06T10:00:00Z');

  it('DynamoDB: conditional updates count in one window, a new window after it ends, TTL set, reset without DeleteItem', async () => {
    const db = new FakeDynamoDb();
    const store = new DynamoDbCounterStore(db, 'ine-video-broker-counters');
    assert.deepEqual(await store.increment('k', 60_000, T0), { count: 1, endsAt: T0 + 60_000 });
    assert.deepEqual(await store.increment('k', 60_000, T0 + 1000), { count: 2, endsAt: T0 + 60_000 });
    assert.deepEqual(await store.get('k', T0 + 2000), { count: 2, endsAt: T0 + 60_000 });
    const ttl = Number((db.items.get('k')!.expiresAt as { N: string }).N);
    assert.ok(ttl >= (T0 + 60_000) / 1000, `TTL (${ttl}) at or after the window end`);
    assert.deepEqual(
      await store.get('k', T0 + 60_000),
      { count: 0, endsAt: T0 + 60_000 },
      'ended window reads as none, whatever TTL has not yet deleted',
    );
    assert.deepEqual(await store.increment('k', 60_000, T0 + 60_000), { count: 1, endsAt: T0 + 120_000 });
    await store.reset('k');
    assert.equal((await store.get('k', T0 + 61_000)).count, 0);
    await store.reset('never-counted');
    assert.equal(db.items.has('never-counted'), false, 'reset creates no item (it would have no TTL)');
    assert.ok(
      db.calls.every((c) => c === 'GetItem' || c.startsWith('UpdateItem')),
      'only the two granted actions',
    );
  });

  it('DynamoDB: two instances racing to start a window both count in it', async () => {
    const db = new FakeDynamoDb();
    const a = new DynamoDbCounterStore(db, 't');
    const b = new DynamoDbCounterStore(db, 't');
    // Hold both "ADD" attempts until both have been sent, so both see no running window, then both
    // try to start one: exactly one wins and the other must count in the winner's window.
    let release!: () => void;
    const bothSent = new Promise<void>((r) => (release = r));
    let adds = 0;
    db.beforeApply = async (input) => {
      if (input.UpdateExpression.startsWith('ADD') && ++adds <= 2) {
        if (adds === 2) release();
        await bothSent;
      }
    };
    const counts = await Promise.all([a.increment('race', 60_000, T0), b.increment('race', 60_000, T0)]);
    assert.deepEqual(counts.map((c) => c.count).sort(), [1, 2]);
    assert.equal((await a.get('race', T0)).count, 2);
  });

  it('the limiter over DynamoDB: a failure counted by one instance blocks the pair on another', async () => {
    const db = new FakeDynamoDb();
    const clock = () => T0;
    const limits = { ...DEFAULT_LOGIN_LIMITS, maxFailures: 2 };
    const one = new LoginLimiter(new DynamoDbCounterStore(db, 't'), limits, clock);
    const two = new LoginLimiter(new DynamoDbCounterStore(db, 't'), limits, clock);
    await one.fail('bruno', '203.0.113.5');
    await two.fail('bruno', '203.0.113.5');
    assert.equal(await one.retryAfter('bruno', '203.0.113.5'), 900);
    assert.equal(await two.retryAfter('bruno', '198.51.100.10'), 0, 'another client of the same account is not blocked');
    assert.ok(
      [...db.items.keys()].every((k) => /^(client|pair|account):[A-Za-z0-9_-]{43}$/.test(k)),
      'keys are hashes: no user names or addresses stored',
    );
  });

  it('limits must be positive whole numbers', () => {
    assert.throws(
      () => new LoginLimiter(new MemoryCounterStore(), { ...DEFAULT_LOGIN_LIMITS, maxFailures: 0 }, Date.now),
      /rateLimit\.maxFailures must be a positive integer/,
    );
  });

  it('in memory: bounded under a flood of distinct keys', async () => {
    const store = new MemoryCounterStore(1000);
    for (let i = 0; i < 5000; i++) await store.increment(`k${i}`, 60_000, T0);
    assert.ok(store.size <= 1000, `${store.size} keys kept`);
    assert.equal((await store.get('k4999', T0)).count, 1, 'the most recent survive');
  });
});
