/**
 * Run the broker as a small standalone HTTPS-terminated-upstream service on INE's network:
 *   INE_BROKER_CONFIG=/etc/ine/broker.json PORT=8443 npx tsx infra/broker/server.ts
 * (put it behind INE's reverse proxy, which terminates TLS). Stops cleanly on SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';
import { createBroker } from './broker.ts';
import { nodeListener } from './adapters.ts';
import { configFromEnv, counterStoreFromEnv } from './config-from-env.ts';
import { trustedProxyHopsFromEnv } from './client-address.ts';

const config = configFromEnv();
// Several copies behind a load balancer share counts through INE_BROKER_RATE_LIMIT_TABLE; one copy may keep them in memory.
const store = await counterStoreFromEnv();
const broker = createBroker(store ? { ...config, rateLimit: { ...config.rateLimit, store } } : config);
const server = createServer(nodeListener(broker, { trustedProxyHops: trustedProxyHopsFromEnv() }));
const port = Number(process.env.PORT ?? 8080);
server.listen(port, process.env.HOST ?? '127.0.0.1', () =>
  console.log(`ine token broker listening on ${process.env.HOST ?? '127.0.0.1'}:${port} (POST /login)`),
);
const stop = () => server.close(() => (broker.close(), process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
