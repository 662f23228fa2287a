// Runs the app on a port with graceful shutdown: stop accepting, finish in-flight requests,
// close the database.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import { buildApp, type AppOptions } from './app.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(db: Db, options: { port: number; host: string } & Omit<AppOptions, 'db'>): Promise<RunningServer> {
  const app = await buildApp({ ...options, db });
  const address = await app.listen({ port: options.port, host: options.host });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await app.close();
      await db.close();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
  return { app, url: address.replace('127.0.0.1', 'localhost'), close };
}
