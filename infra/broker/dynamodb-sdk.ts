/**
 * Binds DynamoDbItemApi to the AWS SDK's DynamoDB client. The package is not a dependency of this
 * repository yet, so it is loaded by name at run time: the Lambda Node.js runtime ships AWS SDK v3
 * (client-dynamodb included); elsewhere install `@aws-sdk/client-dynamodb` next to the broker.
 */
import type { DynamoDbItemApi } from './dynamodb-counter-store.ts';

/** A variable, not a literal: neither TypeScript nor the bundler resolves it at build time. */
const SDK_MODULE: string = '@aws-sdk/client-dynamodb';

interface DynamoDbSdk {
  DynamoDBClient: new (config: { region?: string; maxAttempts?: number }) => { send(command: unknown): Promise<unknown> };
  UpdateItemCommand: new (input: unknown) => unknown;
  GetItemCommand: new (input: unknown) => unknown;
}

export async function dynamoDbItemApi(region?: string): Promise<DynamoDbItemApi> {
  let sdk: DynamoDbSdk;
  try {
    sdk = (await import(SDK_MODULE)) as DynamoDbSdk;
  } catch (e) {
    throw new Error(`The shared rate-limit table needs ${SDK_MODULE} (bundled in AWS Lambda's Node.js runtime; elsewhere npm install it)`, { cause: e });
  }
  const client = new sdk.DynamoDBClient({ ...(region ? { region } : {}), maxAttempts: 3 });
  return {
    updateItem: (input) => client.send(new sdk.UpdateItemCommand(input)) as ReturnType<DynamoDbItemApi['updateItem']>,
    getItem: (input) => client.send(new sdk.GetItemCommand(input)) as ReturnType<DynamoDbItemApi['getItem']>,
  };
}
