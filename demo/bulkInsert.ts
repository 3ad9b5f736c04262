// Multi-row INSERTs for generated data (the demo township, benchmarks): thousands of rows per
// statement instead of one, which is what makes a million rows a matter of a minute.
import { CompiledQuery } from 'kysely';
import type { Tx } from '../electron/backend/db/writes';

/** SQLite binds at most 32,766 parameters per statement; stay well below. */
const MAX_PARAMS_PER_STATEMENT = 6000;

/** Multi-row INSERTs, at most MAX_PARAMS_PER_STATEMENT parameters each; the SQL text is reused. */
export class BulkInserter {
  private readonly statements = new Map<number, string>();
  private readonly rowsPerStatement: number;
  constructor(
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.rowsPerStatement = Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length);
  }

  private statement(rows: number): string {
    let text = this.statements.get(rows);
    if (!text) {
      const one = `(${this.columns.map(() => '?').join(',')})`;
      text = `INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${Array.from({ length: rows }, () => one).join(',')}`;
      this.statements.set(rows, text);
    }
    return text;
  }

  async insert(tx: Tx, rows: readonly (readonly unknown[])[]): Promise<void> {
    for (let start = 0; start < rows.length; start += this.rowsPerStatement) {
      const slice = rows.slice(start, start + this.rowsPerStatement);
      const params: unknown[] = [];
      for (const row of slice) for (const value of row) params.push(value);
      await tx.executeQuery(CompiledQuery.raw(this.statement(slice.length), params));
    }
  }
}
