// Submits an HTML form the way a browser would: load the page, keep its cookies and CSRF token, post.

export interface FormSession {
  cookies: Map<string, string>;
}

export function newSession(): FormSession {
  return { cookies: new Map() };
}

function remember(session: FormSession, res: Response): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    session.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}

const cookieHeader = (s: FormSession) => [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

export async function getPage(base: string, path: string, session: FormSession = newSession()): Promise<{ res: Response; html: string; csrf: string | null }> {
  const res = await fetch(base + path, { headers: { cookie: cookieHeader(session) }, redirect: 'manual' });
  remember(session, res);
  const html = await res.text();
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  return { res, html, csrf: m ? m[1]! : null };
}

/** Loads `fromPage` for its token, then posts `fields` to `action` with the same cookies. */
export async function submitForm(base: string, fromPage: string, action: string, fields: Record<string, string> = {}, session: FormSession = newSession()): Promise<Response> {
  const page = await getPage(base, fromPage, session);
  const res = await fetch(base + action, {
    method: 'POST',
    body: new URLSearchParams({ ...(page.csrf ? { _csrf: page.csrf } : {}), ...fields }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(session) },
    redirect: 'manual',
  });
  remember(session, res);
  return res;
}
