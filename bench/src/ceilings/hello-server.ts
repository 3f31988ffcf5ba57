/**
 * The ceiling of an HTTP answer in this process kind: express 5 answering a small JSON body, started as
 * the gateway is (node with tsx's loader), on port 0. Prints its URL on the first line.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';

const app = express();
app.use(express.json());
app.post('/hello', (_req, res) => {
  res.status(201).json({ hello: 'world' });
});
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
