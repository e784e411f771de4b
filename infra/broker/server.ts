/**
 * Run the broker as a small standalone HTTPS-terminated-upstream service on INE's network:
 *   INE_BROKER_CONFIG=/etc/ine/broker.json PORT=8443 npx tsx infra/broker/server.ts
 * (put it behind INE's reverse proxy, which terminates TLS). Stops cleanly on SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';
import { createBroker } from './broker.ts';
import { nodeListener } from './adapters.ts';
import { configFromEnv } from './config-from-env.ts';

const broker = createBroker(configFromEnv());
const server = createServer(nodeListener(broker, { trustProxy: process.env.INE_BROKER_TRUST_PROXY === 'true' }));
const port = Number(process.env.PORT ?? 8080);
server.listen(port, process.env.HOST ?? '127.0.0.1', () => console.log(`ine token broker listening on ${process.env.HOST ?? '127.0.0.1'}:${port} (POST /login)`));
const stop = () => server.close(() => (broker.close(), process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
