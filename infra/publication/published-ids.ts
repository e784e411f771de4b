/**
 * The set of published clip ids that CloudFront's viewer-request function reads
 * (infra/cdn/viewer-request.js). On AWS it is a CloudFront KeyValueStore; the interface lets the
 * sync logic be tested with a stand-in store.
 */
import {
  CloudFrontKeyValueStoreClient,
  ConflictException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  type CloudFrontKeyValueStoreClientConfig,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
// KeyValueStore requests are signed with SigV4A; this registers the pure-JS signer (no native CRT).
import '@aws-sdk/signature-v4a';

export interface PublishedIdStore {
  /** Mark `id` published; `value` is what the function sees (the publication time). Idempotent. */
  put(id: string, value: string): Promise<void>;
  /** Mark `id` not published. Idempotent: deleting an absent id succeeds. */
  delete(id: string): Promise<void>;
}

/** The subset of the KeyValueStore client this store uses (a test double implements it). */
export interface KvsSender {
  send(command: DescribeKeyValueStoreCommand | PutKeyCommand | DeleteKeyCommand): Promise<unknown>;
}

/**
 * A CloudFront KeyValueStore as the published-id set. Every write needs the store's current ETag
 * (optimistic concurrency across all writers): describe, write with `IfMatch`, and on a conflict
 * (another Lambda wrote in between) describe again and retry.
 */
export class KeyValueStoreIds implements PublishedIdStore {
  private readonly client: KvsSender;
  constructor(
    private readonly kvsArn: string,
    client?: KvsSender,
    config: CloudFrontKeyValueStoreClientConfig = {},
    private readonly maxAttempts = 8,
  ) {
    this.client = client ?? new CloudFrontKeyValueStoreClient(config);
  }

  async put(id: string, value: string): Promise<void> {
    await this.withEtag((IfMatch) => this.client.send(new PutKeyCommand({ KvsARN: this.kvsArn, Key: id, Value: value, IfMatch })));
  }

  async delete(id: string): Promise<void> {
    await this.withEtag(async (IfMatch) => {
      try {
        await this.client.send(new DeleteKeyCommand({ KvsARN: this.kvsArn, Key: id, IfMatch }));
      } catch (e) {
        if (!(e instanceof ResourceNotFoundException) && (e as Error).name !== 'ResourceNotFoundException') throw e;
      }
    });
  }

  private async withEtag(write: (etag: string) => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const described = (await this.client.send(new DescribeKeyValueStoreCommand({ KvsARN: this.kvsArn }))) as { ETag?: string };
      if (!described.ETag) throw new Error(`KeyValueStore ${this.kvsArn} returned no ETag`);
      try {
        await write(described.ETag);
        return;
      } catch (e) {
        const conflict = e instanceof ConflictException || (e as Error).name === 'ConflictException';
        if (!conflict || attempt >= this.maxAttempts) throw e;
        await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt) * Math.random()));
      }
    }
  }
}
