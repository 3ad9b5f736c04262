/**
 * The database's file name in the data folder. A module of its own so that the backup code
 * (which database.ts's upgrade step uses) can name it without importing database.ts back.
 */
export const DATABASE_FILE = 'township.sqlite';
