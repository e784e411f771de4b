/**
 * Lambda entry (API Gateway HTTP API or Function URL, `POST /login`). Configure with
 * `INE_BROKER_CONFIG_JSON`, `INE_BROKER_LDAP_SERVICE_PASSWORD` and `INE_BROKER_RATE_LIMIT_TABLE`
 * (the stack's BrokerRateLimitTable output; required: Lambda runs many instances, and counts kept in
 * one instance's memory would give each its own budget of guesses). `INE_BROKER_TRUSTED_PROXY_HOPS`
 * if a proxy such as CloudFront sits in front. The function's role needs the stack's BrokerPolicy
 * and network reach to LDAP (a VPC with a route to INE's directory).
 */
import { lambdaHandler } from './adapters.ts';
import { createBroker } from './broker.ts';
import { trustedProxyHopsFromEnv } from './client-address.ts';
import { configFromEnv, counterStoreFromEnv } from './config-from-env.ts';

const config = configFromEnv();
const store = await counterStoreFromEnv();
if (!store)
  throw new Error("Set INE_BROKER_RATE_LIMIT_TABLE (the stack's BrokerRateLimitTable output): every Lambda instance must share the login counters");
export const handler = lambdaHandler(createBroker({ ...config, rateLimit: { ...config.rateLimit, store } }), {
  trustedProxyHops: trustedProxyHopsFromEnv(),
});
