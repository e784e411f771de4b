/**
 * Binds DynamoDbItemApi to the AWS SDK's DynamoDB client. Loaded only when the shared rate-limit
 * table is configured, so a broker running on its own memory never pulls the client in; Lambda
 * bundles keep `@aws-sdk/*` external (the Node.js runtime ships SDK v3).
 */
import type { DynamoDbItemApi } from './dynamodb-counter-store.ts';

export async function dynamoDbItemApi(region?: string): Promise<DynamoDbItemApi> {
  const sdk = await import('@aws-sdk/client-dynamodb');
  const client = new sdk.DynamoDBClient({ ...(region ? { region } : {}), maxAttempts: 3 });
  return {
    updateItem: (input) => client.send(new sdk.UpdateItemCommand(input as never)) as unknown as ReturnType<DynamoDbItemApi['updateItem']>,
    getItem: (input) => client.send(new sdk.GetItemCommand(input as never)) as unknown as ReturnType<DynamoDbItemApi['getItem']>,
  };
}
