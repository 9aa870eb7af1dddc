// db/pg/schema.ts keeps the tables, columns, keys and indexes of db/schema.ts: every query written against one
// must find the same names on the other engine. (No PostgreSQL needed: this compares the two drizzle schemas.)
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../../db/pg/schema.ts';
import * as sqliteSchema from '../../../db/schema.ts';

type Shape = { columns: string[]; notNull: string[]; indexes: string[]; foreignKeys: string[]; primaryKeys: string[] };

interface TableConfig {
  name: string;
  columns: { name: string; notNull: boolean; primary: boolean }[];
  indexes: { config: { name?: string } }[];
  uniqueConstraints?: { name?: string }[];
  foreignKeys: { reference(): { columns: { name: string }[]; foreignColumns: { name: string }[] } }[];
  primaryKeys: { columns: { name: string }[] }[];
}

/** Each table's shape, by SQL name. A unique constraint stands for SQLite's unique index of the same name. */
function shapes(schema: Record<string, unknown>, isTable: (t: unknown) => boolean, config: (t: never) => TableConfig): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const t of Object.values(schema).filter(isTable)) {
    const c = config(t as never);
    const names = (cols: { name: string }[]) => cols.map((x) => x.name).join(',');
    out.set(c.name, {
      columns: c.columns.map((x) => x.name).sort(),
      notNull: c.columns.filter((x) => x.notNull).map((x) => x.name).sort(),
      indexes: [...c.indexes.map((i) => i.config.name!), ...(c.uniqueConstraints ?? []).map((u) => u.name!)].sort(),
      foreignKeys: c.foreignKeys.map((f) => `${names(f.reference().columns)}->${names(f.reference().foreignColumns)}`).sort(),
      primaryKeys: [...c.columns.filter((x) => x.primary).map((x) => x.name), ...c.primaryKeys.map((p) => names(p.columns))].sort(),
    });
  }
  return out;
}

const sqliteShapes = () => shapes(sqliteSchema, (t) => t instanceof SQLiteTable, sqliteConfig as (t: never) => TableConfig);
const pgShapes = () => shapes(pgSchema, (t) => t instanceof PgTable, pgConfig as (t: never) => TableConfig);

describe('the PostgreSQL schema against the SQLite one', () => {
  const sqlite = sqliteShapes();
  const pg = pgShapes();

  it('has the same tables', () => {
    expect([...pg.keys()].sort()).toEqual([...sqlite.keys()].sort());
    expect(sqlite.size).toBeGreaterThanOrEqual(14);
  });

  it.each([...sqliteShapes().keys()])('%s: same columns, NOT NULLs, keys, references and indexes', (name) => {
    expect(pg.get(name)).toEqual(sqlite.get(name));
  });
});
