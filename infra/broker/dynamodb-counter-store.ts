/**
 * The login counters in a DynamoDB table, so every broker instance (Lambda) counts against the same
 * numbers. One item per key (COUNTER_ITEM): `pk` (string), `n` (count), `windowEnd` (ms) and
 * `expiresAt` (epoch seconds, the table's TTL attribute: DynamoDB deletes ended windows at no cost).
 *
 * Each increment is one conditional UpdateItem: `ADD n 1` if the window is still running, else
 * (ConditionalCheckFailed) a second conditional UpdateItem that starts a new window; two instances
 * racing to start one cannot both win, the loser goes back to `ADD`. Reads are strongly consistent.
 * The table and the grant (UpdateItem and GetItem only) are in infra/lib/broker-rate-limit.ts.
 */
import type { CounterStore, WindowCount } from './counter-store.ts';

/** The attribute value shapes used (a subset of DynamoDB's AttributeValue). */
export type AttributeValue = { S: string } | { N: string };
type Item = Record<string, AttributeValue>;

/** The two DynamoDB calls the store makes, with the SDK's input shapes (dynamodb-sdk.ts binds them to the AWS SDK). */
export interface DynamoDbItemApi {
  updateItem(input: {
    TableName: string;
    Key: Item;
    UpdateExpression: string;
    ConditionExpression: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Item;
    ReturnValues: 'ALL_NEW';
  }): Promise<{ Attributes?: Item }>;
  getItem(input: {
    TableName: string;
    Key: Item;
    ConsistentRead: true;
    ProjectionExpression: string;
    ExpressionAttributeNames: Record<string, string>;
  }): Promise<{ Item?: Item }>;
}

/** The item's attribute names; the table's key and TTL attribute (infra/lib/broker-rate-limit.ts) are read from here. */
export const COUNTER_ITEM = { key: 'pk', count: 'n', windowEnd: 'windowEnd', ttl: 'expiresAt' } as const;

/** Seconds an ended window's item stays before TTL may delete it (TTL is lazy anyway; reads check windowEnd). */
const TTL_GRACE_SECONDS = 60;
/** Attempts when other instances keep winning the race to start a window (each loss means one did). */
const MAX_RACES = 5;

const NAMES = { '#n': COUNTER_ITEM.count, '#end': COUNTER_ITEM.windowEnd };
const NAMES_WITH_TTL = { ...NAMES, '#ttl': COUNTER_ITEM.ttl };
const num = (v: number): AttributeValue => ({ N: String(v) });
const read = (item: Item | undefined, name: string): number => {
  const v = item?.[name];
  return v && 'N' in v ? Number(v.N) : 0;
};

function isConditionFailure(e: unknown): boolean {
  return (e as Error)?.name === 'ConditionalCheckFailedException';
}

export class DynamoDbCounterStore implements CounterStore {
  constructor(
    private readonly api: DynamoDbItemApi,
    private readonly tableName: string,
  ) {
    if (!tableName) throw new Error('DynamoDbCounterStore: a table name is required');
  }

  private key(key: string): Item {
    return { [COUNTER_ITEM.key]: { S: key } };
  }

  async get(key: string, now: number): Promise<WindowCount> {
    const { Item } = await this.api.getItem({
      TableName: this.tableName,
      Key: this.key(key),
      ConsistentRead: true,
      ProjectionExpression: '#n, #end',
      ExpressionAttributeNames: NAMES,
    });
    const endsAt = read(Item, COUNTER_ITEM.windowEnd);
    return endsAt > now ? { count: read(Item, COUNTER_ITEM.count), endsAt } : { count: 0, endsAt: now };
  }

  async increment(key: string, windowMs: number, now: number): Promise<WindowCount> {
    for (let race = 1; ; race++) {
      try {
        const { Attributes } = await this.api.updateItem({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression: 'ADD #n :one',
          ConditionExpression: '#end > :now',
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: { ':one': num(1), ':now': num(now) },
          ReturnValues: 'ALL_NEW',
        });
        return { count: read(Attributes, COUNTER_ITEM.count), endsAt: read(Attributes, COUNTER_ITEM.windowEnd) };
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
      const endsAt = now + windowMs;
      try {
        const { Attributes } = await this.api.updateItem({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression: 'SET #n = :one, #end = :end, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#end) OR #end <= :now',
          ExpressionAttributeNames: NAMES_WITH_TTL,
          ExpressionAttributeValues: {
            ':one': num(1),
            ':end': num(endsAt),
            ':ttl': num(Math.ceil(endsAt / 1000) + TTL_GRACE_SECONDS),
            ':now': num(now),
          },
          ReturnValues: 'ALL_NEW',
        });
        return { count: read(Attributes, COUNTER_ITEM.count), endsAt: read(Attributes, COUNTER_ITEM.windowEnd) };
      } catch (e) {
        // Another instance started the window between our two calls: count in it.
        if (!isConditionFailure(e) || race >= MAX_RACES) throw e;
      }
    }
  }

  async reset(key: string): Promise<void> {
    // UpdateItem rather than DeleteItem: the broker's grant stays at two actions. A window that
    // ended at 0 is no window; the next increment starts a fresh one. No item, nothing to reset
    // (and none is created: it would have no TTL).
    try {
      await this.api.updateItem({
        TableName: this.tableName,
        Key: this.key(key),
        UpdateExpression: 'SET #n = :zero, #end = :zero',
        ConditionExpression: 'attribute_exists(#end)',
        ExpressionAttributeNames: NAMES,
        ExpressionAttributeValues: { ':zero': num(0) },
        ReturnValues: 'ALL_NEW',
      });
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
}
