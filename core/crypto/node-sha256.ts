/**
 * node:crypto behind the checksum interface smithy's SigV4 signer expects (SHA-256, or HMAC-SHA256
 * with a key): one implementation for the stand-in's signature checks, presigned upload parts and
 * the Lambdas' hand-signed calls.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

type Data = string | ArrayBuffer | ArrayBufferView;

function toBytes(d: Data): Uint8Array {
  if (typeof d === 'string') return Buffer.from(d, 'utf8');
  if (ArrayBuffer.isView(d)) return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  return new Uint8Array(d);
}

export class NodeSha256 {
  private h: Hash | Hmac;
  private readonly secret?: Uint8Array;
  constructor(secret?: Data) {
    this.secret = secret === undefined ? undefined : toBytes(secret);
    this.h = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: Data): void {
    this.h.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.fresh();
  }
}
