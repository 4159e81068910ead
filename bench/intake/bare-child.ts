import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/**
 * The ceiling: a bare express endpoint in its own process that only parses the JSON body (same
 * 1 MiB limit as the webhook) and answers 202. No signature check, no store, no audit.
 */
const app = express();
app.post('/api/sentinel/incidents', express.json({ limit: '1mb' }), (req, res) => {
  const body = req.body as { object?: { properties?: { incidentNumber?: number } } };
  res.status(202).json({
    accepted: true,
    incidentNumber: body.object?.properties?.incidentNumber ?? 0,
    duplicate: false,
  });
});
const server = http.createServer(app);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ url: `http://127.0.0.1:${port}` });
});
const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('message', (message) => {
  if (message === 'stop') stop();
});
process.on('disconnect', stop);
