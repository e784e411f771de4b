/**
 * Broker configuration for the ready-made entries (server.ts, lambda.ts): a JSON file named by
 * `INE_BROKER_CONFIG` (or the JSON itself in `INE_BROKER_CONFIG_JSON`), with the LDAP service
 * account password from `INE_BROKER_LDAP_SERVICE_PASSWORD` so it never sits in the file.
 * See docs/deploy.md, "Deploy the token broker", for an example.
 */
import { readFileSync } from 'node:fs';
import type { CounterStore } from './counter-store.ts';
import { DynamoDbCounterStore } from './dynamodb-counter-store.ts';
import { dynamoDbItemApi } from './dynamodb-sdk.ts';
import type { BrokerConfig } from './types.ts';

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): BrokerConfig {
  const text = env.INE_BROKER_CONFIG_JSON ?? (env.INE_BROKER_CONFIG ? readFileSync(env.INE_BROKER_CONFIG, 'utf8') : undefined);
  if (!text) throw new Error('Set INE_BROKER_CONFIG (path to the broker JSON config) or INE_BROKER_CONFIG_JSON');
  const config = JSON.parse(text) as BrokerConfig & { ldap: { usernamePattern?: string | RegExp } };
  if (typeof config.ldap?.usernamePattern === 'string') config.ldap.usernamePattern = new RegExp(config.ldap.usernamePattern);
  if (config.ldap?.serviceAccount && env.INE_BROKER_LDAP_SERVICE_PASSWORD) config.ldap.serviceAccount.password = env.INE_BROKER_LDAP_SERVICE_PASSWORD;
  for (const key of ['url', 'userDnTemplate', 'groups'] as const) if (!config.ldap?.[key]) throw new Error(`broker config: ldap.${key} is required`);
  if (!config.roleGroups?.admin || !config.roleGroups?.uploader)
    throw new Error('broker config: roleGroups.admin and roleGroups.uploader are required');
  if (
    !config.cognito?.identityPools?.admin ||
    !config.cognito?.identityPools?.uploader ||
    !config.cognito.developerProviderName ||
    !config.cognito.region
  ) {
    throw new Error(
      'broker config: cognito.region, cognito.developerProviderName and cognito.identityPools.{uploader,admin} are required (stack outputs)',
    );
  }
  return config;
}

/**
 * The shared login counters: a DynamoDB table named by `INE_BROKER_RATE_LIMIT_TABLE` (the stack's
 * `BrokerRateLimitTable` output), or undefined (this process's memory) when it is not set.
 */
export async function counterStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<CounterStore | undefined> {
  const table = env.INE_BROKER_RATE_LIMIT_TABLE;
  if (!table) return undefined;
  return new DynamoDbCounterStore(await dynamoDbItemApi(env.AWS_REGION), table);
}
