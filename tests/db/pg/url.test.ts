// PostgreSQL URLs in messages: the password never shows, wherever the URL carries it.
import { describe, expect, it } from 'vitest';
import { redact } from '../../../db/pg/url.ts';

describe('redact', () => {
  it.each([
    ['postgres://casewatch:secret@db.example.org:5432/casewatch', 'postgres://casewatch:***@db.example.org:5432/casewatch'],
    ['postgres://casewatch@db.example.org/casewatch?password=secret&sslmode=require', 'postgres://casewatch@db.example.org/casewatch?password=***&sslmode=require'],
    ['postgres://casewatch@localhost/x?host=/run/postgresql&sslpassword=secret', 'postgres://casewatch@localhost/x?host=%2Frun%2Fpostgresql&sslpassword=***'],
    ['postgress://casewatch:secret@localhost/x', 'postgress://casewatch:***@localhost/x'],
    ['casewatch:secret@localhost/x', 'casewatch:***@localhost/x'],
    ['postgres://localhost/casewatch', 'postgres://localhost/casewatch'],
  ])('%s', (url, shown) => {
    expect(redact(url)).toBe(shown);
    expect(redact(url)).not.toMatch(/secret/);
  });
});
