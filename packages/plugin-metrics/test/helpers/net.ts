import { createServer, type Server } from 'node:net';

/** Binds 127.0.0.1:port, proving it free (or holding it for a conflict test). Close what you get. */
export function hold(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export function release(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
