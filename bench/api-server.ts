import { connect } from '../src/db/connect.ts';
import { buildApp } from '../src/server/build-app.ts';

// The server under test, in its own process so the load generator does not share its
// event loop. Its /healthz answers a constant through the same hooks: the HTTP baseline.
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const connection = await connect({ databaseUrl, poolSize: 10 });
const app = await buildApp({ db: connection.db });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => connection.close())
    .then(() => process.exit(0));
});
