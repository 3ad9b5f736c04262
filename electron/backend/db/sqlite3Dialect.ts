import Database from 'better-sqlite3-multiple-ciphers';
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
 * A Kysely dialect over SQLite3 Multiple Ciphers (the `better-sqlite3-multiple-ciphers` addon):
 * SQLite with page encryption built in, no OpenSSL, compiled from source by node-gyp on Linux,
 * macOS and Windows alike (docs/architecture.md, “The database encrypted at rest”). With a key
 * the file is a SQLCipher 4 database (AES-256-CBC + HMAC-SHA512 per page, database and WAL alike).
 *
 * The addon's calls are synchronous: each statement runs on the calling thread. Township queries
 * are indexed and take micro- to milliseconds (docs/benchmarks.md), so the event loop is held for
 * no longer than that; the asynchronous `sqlite3` addon it replaces has no encrypting build for
 * Windows (the one SQLCipher fork of it dropped Windows in 6.0).
 *
 * Kysely's own SqliteDialect drives the same addon, but it begins deferred transactions and
 * binds numbers as REALs; this one keeps BEGIN IMMEDIATE and integer binding (below).
 *
 * One connection, used by one caller at a time: a transaction holds it from BEGIN to COMMIT, so
 * writes are serialized and no statement from another request can slip into someone else's
 * transaction.
 */
export interface Sqlite3DialectOptions {
  filename: string;
  /**
   * The database key: 32 random bytes, given to SQLCipher as a raw key (`x'…'`, no passphrase
   * derivation). Absent: a plain SQLite file, as before encryption existed.
   */
  key?: Uint8Array | null;
  /** Statements run once when the connection opens (PRAGMAs), after the key. */
  onOpen?: readonly string[];
  /** Statements run right after every BEGIN, inside the transaction. */
  onBegin?: readonly string[];
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

/** The raw key length SQLCipher takes: an AES-256 key. */
export const DATABASE_KEY_BYTES = 32;

/**
 * Chooses the page codec of a connection: SQLCipher 4's own format (`sqlcipher`, `legacy = 4`),
 * so that the file can also be opened by SQLCipher's tools for recovery. It configures the codec
 * only and reads nothing, so it may precede `PRAGMA key`.
 */
export function chooseSqlCipherPragmas(): string[] {
  return ["cipher = 'sqlcipher'", 'legacy = 4'];
}

export function chooseSqlCipherFormat(db: Database.Database): void {
  for (const pragma of chooseSqlCipherPragmas()) db.pragma(pragma);
}

/** `x'…'`: SQLCipher's raw-key form (the key is used as is, with no passphrase derivation). */
export function rawKeyLiteral(key: Uint8Array): string {
  if (key.length !== DATABASE_KEY_BYTES) throw new Error(`数据库密钥应为 ${DATABASE_KEY_BYTES} 字节`);
  return `"x'${Buffer.from(key).toString('hex')}'"`;
}

/**
 * Keys a freshly opened connection: `PRAGMA key` is the first statement that touches the file,
 * as SQLCipher requires. temp_store = MEMORY keeps sorts and temporary tables, which the codec
 * does not encrypt, off the disk.
 */
export function applyDatabaseKey(db: Database.Database, key: Uint8Array): void {
  chooseSqlCipherFormat(db);
  db.pragma(`key = ${rawKeyLiteral(key)}`);
  db.pragma('temp_store = MEMORY');
  // The OS file cache holds only ciphertext, so every page SQLite drops from its own cache is
  // decrypted again when read: a 64 MiB cache (16 MiB by default) keeps a township's hot index
  // pages decrypted (resident search p95, docs/benchmarks.md).
  db.pragma('cache_size = -65536');
}

class Sqlite3Driver implements Driver {
  private database: Database.Database | null = null;
  private connection: Sqlite3Connection | null = null;
  private readonly lock = new ConnectionLock();

  constructor(private readonly options: Sqlite3DialectOptions) {}

  async init(): Promise<void> {
    const database = new Database(this.options.filename);
    try {
      if (this.options.key) applyDatabaseKey(database, this.options.key);
    } catch (error) {
      database.close();
      throw error;
    }
    this.database = database;
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
    for (const statement of this.options.onBegin ?? []) await connection.executeQuery(CompiledQuery.raw(statement));
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
    database?.close();
  }
}

/**
 * Prepared statements kept for reuse, by SQL text: preparing is a good part of a short
 * statement's cost (a rebuild from the county replays tens of thousands of the same few upserts),
 * and Kysely compiles the same query to the same text each time. The oldest goes when full.
 */
const STATEMENT_CACHE_SIZE = 256;

class Sqlite3Connection implements DatabaseConnection {
  readonly #statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  #prepare(text: string): Database.Statement {
    const cached = this.#statements.get(text);
    if (cached) {
      // Most recently used last: Map keeps insertion order.
      this.#statements.delete(text);
      this.#statements.set(text, cached);
      return cached;
    }
    const statement = this.db.prepare(text);
    this.#statements.set(text, statement);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      this.#statements.delete(this.#statements.keys().next().value!);
    }
    return statement;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const statement = this.#prepare(compiledQuery.sql);
      const params = compiledQuery.parameters.map(toSqliteValue);
      // `reader`: the statement returns rows (SELECT, a PRAGMA that answers, … RETURNING).
      if (statement.reader) return Promise.resolve({ rows: statement.all(...params) as R[] });
      const { changes, lastInsertRowid } = statement.run(...params);
      return Promise.resolve({
        rows: [],
        numAffectedRows: BigInt(changes),
        insertId: lastInsertRowid ? BigInt(lastInsertRowid) : undefined,
      });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('此 SQLite 驱动不支持流式查询');
  }
}

/**
 * The addon binds every JS number as a REAL, so 5 would be stored as 5.0 (and read back as
 * '5.0' from a TEXT column or inside json_object). Whole numbers are bound as 64-bit integers,
 * as the earlier driver did; booleans as 0/1 and dates as ISO text.
 */
function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
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
