// db/pg/schema.ts keeps the tables, columns, keys and indexes of db/schema.ts: every query written against one
// must find the same names on the other engine. (No PostgreSQL needed: this compares the two drizzle schemas.)
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../../db/pg/schema.ts';
import * as sqliteSchema from '../../../db/schema.ts';

type Shape = { columns: string[]; notNull: string[]; indexes: string[]; foreignKeys: string[]; primaryKeys: string[] };

function sqliteShapes(): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const t of Object.values(sqliteSchema)) {
    if (!(t instanceof SQLiteTable)) continue;
    const c = sqliteConfig(t);
    out.set(c.name, {
      columns: c.columns.map((x) => x.name).sort(),
      notNull: c.columns.filter((x) => x.notNull).map((x) => x.name).sort(),
      indexes: c.indexes.map((i) => i.config.name).sort(),
      foreignKeys: c.foreignKeys.map((f) => f.reference().columns.map((x) => x.name).join(',') + '->' + f.reference().foreignColumns.map((x) => x.name).join(',')).sort(),
      primaryKeys: [...c.columns.filter((x) => x.primary).map((x) => x.name), ...c.primaryKeys.map((p) => p.columns.map((x) => x.name).join(','))].sort(),
    });
  }
  return out;
}

function pgShapes(): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const t of Object.values(pgSchema)) {
    if (!(t instanceof PgTable)) continue;
    const c = pgConfig(t);
    out.set(c.name, {
      columns: c.columns.map((x) => x.name).sort(),
      notNull: c.columns.filter((x) => x.notNull).map((x) => x.name).sort(),
      // A unique constraint stands for SQLite's unique index of the same name.
      indexes: [...c.indexes.map((i) => i.config.name!), ...c.uniqueConstraints.map((u) => u.name!)].sort(),
      foreignKeys: c.foreignKeys.map((f) => f.reference().columns.map((x) => x.name).join(',') + '->' + f.reference().foreignColumns.map((x) => x.name).join(',')).sort(),
      primaryKeys: [...c.columns.filter((x) => x.primary).map((x) => x.name), ...c.primaryKeys.map((p) => p.columns.map((x) => x.name).join(','))].sort(),
    });
  }
  return out;
}

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
