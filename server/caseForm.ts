// Turns the add/edit case form into a case body and maps validation errors back onto form fields.
import type { CaseView } from '../app/caseView.ts';
import { emptyCaseForm, PARTY_ROWS, type CaseFormValues } from '../views/pages/caseForm.ts';
import { zodDetails } from '../app/errors.ts';
import { caseInputSchema, type CaseInputBody } from '../app/schemas.ts';

const lines = (v: string) => v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function formValuesFromBody(body: Record<string, unknown>): CaseFormValues {
  const values = emptyCaseForm();
  values.title = str(body.title);
  values.summary = str(body.summary);
  values.court = str(body.court);
  values.caseNumber = str(body.caseNumber);
  values.keywords = str(body.keywords);
  values.exclude = str(body.exclude);
  for (let i = 0; i < 50; i++) {
    const name = str(body[`party_${i}_name`]);
    const aliases = str(body[`party_${i}_aliases`]);
    const role = str(body[`party_${i}_role`]);
    if (i >= PARTY_ROWS && !name && !aliases) break;
    values.parties.push({ name, role, aliases });
  }
  return values;
}

export function formValuesFromCase(c: CaseView): CaseFormValues {
  return {
    title: c.title,
    summary: c.summary ?? '',
    court: c.court ?? '',
    caseNumber: c.caseNumber ?? '',
    parties: c.parties.map((p) => ({ name: p.name, role: p.role, aliases: p.aliases.join('\n') })),
    keywords: c.keywords.join('\n'),
    exclude: c.exclude.join('\n'),
  };
}

/** `rows[i]` is the form row of `body.parties[i]` (empty rows are left out of the body). */
export type FormParse = { ok: true; body: CaseInputBody; rows: number[] } | { ok: false; errors: Record<string, string> };

/** Empty party rows are ignored; the rest is validated by the same schema as the API. */
export function parseCaseForm(values: CaseFormValues): FormParse {
  const rows = values.parties.map((p, index) => ({ ...p, index })).filter((p) => p.name.trim() || p.aliases.trim());
  const candidate = {
    title: values.title,
    summary: values.summary.trim() || null,
    court: values.court.trim() || null,
    caseNumber: values.caseNumber.trim() || null,
    parties: rows.map((p) => ({ name: p.name, role: p.role, aliases: lines(p.aliases) })),
    keywords: lines(values.keywords),
    exclude: lines(values.exclude),
  };
  const r = caseInputSchema.safeParse(candidate);
  if (r.success) return { ok: true, body: r.data, rows: rows.map((p) => p.index) };
  const errors: Record<string, string> = {};
  for (const d of zodDetails(r.error)) {
    const [head, idx, field] = d.path.split('.');
    let name = head ?? 'title';
    if (head === 'parties' && idx !== undefined) {
      const row = rows[Number(idx)]?.index ?? Number(idx);
      name = `party_${row}_${field === 'aliases' ? 'aliases' : field === 'role' ? 'role' : 'name'}`;
    }
    errors[name] ??= d.message;
  }
  return { ok: false, errors };
}

/**
 * The form after an "Add" of an alias suggestion without JavaScript (`add_alias` = "<row>:<alias>"): the
 * alias appended to that row's aliases, unless the row already lists it. Null when the value is not one.
 */
export function withAddedAlias(values: CaseFormValues, addAlias: unknown): CaseFormValues | null {
  const m = typeof addAlias === 'string' ? /^(\d{1,2}):(.+)$/s.exec(addAlias) : null;
  const row = m ? values.parties[Number(m[1])] : undefined;
  const alias = m?.[2]!.trim();
  if (!row || !alias || /[\r\n]/.test(alias)) return null;
  if (lines(row.aliases).includes(alias)) return values;
  const aliases = [...lines(row.aliases), alias].join('\n');
  return { ...values, parties: values.parties.map((p) => (p === row ? { ...p, aliases } : p)) };
}
