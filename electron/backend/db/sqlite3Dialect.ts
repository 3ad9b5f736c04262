import sqlite3 from 'sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * A Kysely dialect over the `sqlite3` package (Kysely's own SQLite dialect wants
 * better-sqlite3, a synchronous addon that would block the Electron main thread).
 *
 * One connection, used by one caller at a time: a transaction holds it from BEGIN to
 * COMMIT, so writes are serialized and no statement from another request can slip into
 * someone else's transaction. sqlite3 runs each statement on libuv's thread pool, so the
 * event loop stays free while it waits.
 */
export interface Sqlite3DialectOptions {
  filename: string;
  /** Statements run once when the connection opens (PRAGMAs). */
  onOpen?: readonly string[];
}

export class Sqlite3Dialect implements Dialect {
  constructor(private readonly options: Sqlite3DialectOptions) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new Sqlite3Driver(this.options);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

class Sqlite3Driver implements Driver {
  private database: sqlite3.Database | null = null;
  private connection: Sqlite3Connection | null = null;
  private readonly lock = new ConnectionLock();

  constructor(private readonly options: Sqlite3DialectOptions) {}

  async init(): Promise<void> {
    this.database = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(this.options.filename, (error) => (error ? reject(error) : resolve(db)));
    });
    this.connection = new Sqlite3Connection(this.database);
    for (const statement of this.options.onOpen ?? []) {
      await this.connection.executeQuery(CompiledQuery.raw(statement));
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    if (!this.connection) {
      this.lock.release();
      throw new Error('数据库已关闭');
    }
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE takes the write lock at once, so a second process on the same file waits
    // (busy_timeout) instead of failing half-way through.
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async releaseConnection(): Promise<void> {
    this.lock.release();
  }

  async destroy(): Promise<void> {
    const database = this.database;
    this.database = null;
    this.connection = null;
    if (database) await new Promise<void>((resolve, reject) => database.close((e) => (e ? reject(e) : resolve())));
  }
}

const RETURNS_ROWS = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i;

class Sqlite3Connection implements DatabaseConnection {
  constructor(private readonly db: sqlite3.Database) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    const params = parameters.map(toSqliteValue);
    const kind = compiledQuery.query.kind;
    const returnsRows =
      kind === 'SelectQueryNode' ||
      ('returning' in compiledQuery.query && compiledQuery.query.returning !== undefined) ||
      (kind === 'RawNode' && RETURNS_ROWS.test(sql));
    if (returnsRows) {
      return new Promise((resolve, reject) => {
        this.db.all(sql, params, (error: Error | null, rows: R[]) => (error ? reject(error) : resolve({ rows })));
      });
    }
    return new Promise((resolve, reject) => {
      this.db.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) return reject(error);
        resolve({
          rows: [],
          numAffectedRows: BigInt(this.changes),
          insertId: this.lastID ? BigInt(this.lastID) : undefined,
        });
      });
    });
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('此 SQLite 驱动不支持流式查询');
  }
}

function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** A FIFO mutex: callers get the connection in the order they asked for it. */
class ConnectionLock {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}
