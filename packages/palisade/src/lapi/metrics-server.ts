/**
 * The Prometheus listener (`prometheus.listen_addr:listen_port`, path `/metrics`), separate from
 * the API so that it can stay on a private address.
 */
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** Starts serving `registry` on `host:port`; resolves once listening. */
export async function startMetricsServer(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: unknown) => res.writeHead(500).end(String((err as Error).message ?? err)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
