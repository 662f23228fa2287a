// Kysely's PGlite driver hands every caller the same connection, so in a server a query from one
// request could run inside another request's open transaction. PGlite has one connection, so
// this dialect lends it to one logical user at a time: acquire waits for the previous release.
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDialect, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';

/** A FIFO lock; `run` holds it for the duration of a callback. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    return release;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

class SerialDriver implements Driver {
  private readonly releases = new Map<DatabaseConnection, (() => void)[]>();

  constructor(
    private readonly inner: Driver,
    private readonly mutex: Mutex,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire();
    const connection = await this.inner.acquireConnection();
    const stack = this.releases.get(connection) ?? [];
    stack.push(release);
    this.releases.set(connection, stack);
    return connection;
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    this.releases.get(connection)?.shift()?.();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

export class SerialPGliteDialect extends PGliteDialect {
  constructor(
    pglite: PGlite,
    private readonly mutex: Mutex,
  ) {
    super({ pglite });
  }

  override createDriver(): Driver {
    return new SerialDriver(super.createDriver(), this.mutex);
  }
}
