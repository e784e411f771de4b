/**
 * Lambda entry (API Gateway HTTP API or Function URL, `POST /login`). Configure with
 * `INE_BROKER_CONFIG_JSON` and `INE_BROKER_LDAP_SERVICE_PASSWORD`; the function's role needs the
 * stack's BrokerPolicy and network reach to LDAP (a VPC with a route to INE's directory).
 */
import { lambdaHandler } from './adapters.ts';
import { createBroker } from './broker.ts';
import { configFromEnv } from './config-from-env.ts';

export const handler = lambdaHandler(createBroker(configFromEnv()));
