/**
 * An in-memory queue that stands in for SQS, which cannot run here. It keeps the semantics the
 * webhook code relies on, on a virtual clock the test advances:
 *
 * - SendMessage with DelaySeconds (a whole number, 0–900, else refused as SQS refuses it): the
 *   message is invisible until then;
 * - a received message is invisible for the visibility timeout; the consumer's answer (Lambda's
 *   ReportBatchItemFailures: `batchItemFailures`) deletes the others, the failed ones come back
 *   after the timeout;
 * - a message received more than `maxReceiveCount` times moves to the dead-letter queue.
 *
 * `send` takes the SDK's own SendMessageCommand; `listen()` also answers the real SDK over HTTP (the
 * AWS JSON 1.0 protocol, SendMessage only), for code that builds its own SQSClient.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendMessageCommand, type SendMessageCommandInput } from '@aws-sdk/client-sqs';

export interface QueuedMessage {
  messageId: string;
  body: string;
  /** Virtual ms when it may be received. */
  visibleAt: number;
  receiveCount: number;
}

export interface SentRecord {
  body: string;
  delaySeconds: number;
  /** Virtual ms it was sent at. */
  at: number;
}

export interface SqsEventLike {
  Records: { messageId: string; body: string }[];
}

export class MemorySqs {
  now: number;
  readonly messages: QueuedMessage[] = [];
  readonly deadLetters: QueuedMessage[] = [];
  readonly sent: SentRecord[] = [];
  /** As SQS's, the URL names the endpoint (listen() moves it to the local one). */
  queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/ine-webhooks';
  /** When set, the next SendMessage calls fail (as when SQS is unreachable). */
  failSends = 0;

  constructor(
    start: number,
    readonly opts: { visibilityTimeoutSeconds: number; maxReceiveCount: number; batchSize: number },
  ) {
    this.now = start;
  }

  private enqueue(input: SendMessageCommandInput): { MessageId: string; MD5OfMessageBody: string } {
    if (this.failSends > 0) {
      this.failSends--;
      throw Object.assign(new Error('SQS is unreachable (test)'), { name: 'ServiceUnavailable' });
    }
    if (input.QueueUrl !== this.queueUrl) throw new Error(`no such queue ${input.QueueUrl}`);
    const delay = input.DelaySeconds ?? 0;
    if (!Number.isInteger(delay) || delay < 0 || delay > 900) throw new Error(`InvalidParameterValue: DelaySeconds ${delay} (0–900)`);
    const body = input.MessageBody ?? '';
    const messageId = randomUUID();
    this.sent.push({ body, delaySeconds: delay, at: this.now });
    this.messages.push({ messageId, body, visibleAt: this.now + delay * 1000, receiveCount: 0 });
    return { MessageId: messageId, MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
  }

  async send(command: SendMessageCommand): Promise<{ MessageId: string; MD5OfMessageBody: string }> {
    if (!(command instanceof SendMessageCommand)) throw new Error('only SendMessage is supported');
    return this.enqueue(command.input);
  }

  /** An HTTP endpoint for the real SDK (AWS_ENDPOINT_URL_SQS), which sends to the queue URL's host. */
  async listen(): Promise<{ url: string; close(): Promise<void> }> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const reply = (status: number, body: object) => {
          res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' });
          res.end(JSON.stringify(body));
        };
        if (req.headers['x-amz-target'] !== 'AmazonSQS.SendMessage') return reply(400, { __type: 'InvalidAction', message: 'only SendMessage' });
        try {
          reply(200, this.enqueue(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendMessageCommandInput));
        } catch (e) {
          reply(400, { __type: 'InvalidParameterValue', message: (e as Error).message });
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.queueUrl = `${url}/123456789012/ine-webhooks`;
    return {
      url,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  /** Receives up to a batch of visible messages, oldest first (moving over-received ones to the DLQ). */
  receive(): SqsEventLike {
    const out: QueuedMessage[] = [];
    for (const m of [...this.messages].sort((a, b) => a.visibleAt - b.visibleAt)) {
      if (out.length >= this.opts.batchSize || m.visibleAt > this.now) continue;
      if (m.receiveCount >= this.opts.maxReceiveCount) {
        this.messages.splice(this.messages.indexOf(m), 1);
        this.deadLetters.push(m);
        continue;
      }
      m.receiveCount++;
      m.visibleAt = this.now + this.opts.visibilityTimeoutSeconds * 1000;
      out.push(m);
    }
    return { Records: out.map((m) => ({ messageId: m.messageId, body: m.body })) };
  }

  /** Applies a consumer's answer: everything handed over but the reported failures is deleted. */
  settle(batch: SqsEventLike, answer: { batchItemFailures: { itemIdentifier: string }[] }): void {
    const failed = new Set(answer.batchItemFailures.map((f) => f.itemIdentifier));
    for (const r of batch.Records) {
      if (failed.has(r.messageId)) continue;
      const i = this.messages.findIndex((m) => m.messageId === r.messageId);
      if (i >= 0) this.messages.splice(i, 1);
    }
  }

  /**
   * Runs the consumer as Lambda's event source would until the queue is empty: a batch whenever
   * messages are visible, else the clock jumps to the next one. Returns each batch and answer.
   */
  async drain(
    consume: (event: SqsEventLike) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>,
    maxBatches = 200,
  ): Promise<{ at: number; event: SqsEventLike; answer: { batchItemFailures: { itemIdentifier: string }[] } }[]> {
    const runs = [];
    while (this.messages.length) {
      if (runs.length >= maxBatches) throw new Error(`queue not drained after ${maxBatches} batches`);
      const event = this.receive();
      if (!event.Records.length) {
        if (!this.messages.length) break;
        this.now = Math.max(this.now, Math.min(...this.messages.map((m) => m.visibleAt)));
        continue;
      }
      const answer = await consume(event);
      this.settle(event, answer);
      runs.push({ at: this.now, event, answer });
    }
    return runs;
  }
}
