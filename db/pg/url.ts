// A PostgreSQL URL as messages show it: no password, neither in the user part nor as a parameter. (Its own module:
// commands that only validate a URL need not load the PostgreSQL client.)

/** The URL without its password (in the user part or as a parameter), for messages. */
export function redact(url: string): string {
  // Without "//" a URL parser reads "user:password@host" as a scheme and a path: hide what stands before the "@".
  if (!url.includes('//')) return url.replace(/^[^@/]*:[^@/]*@/, (m) => `${m.split(':')[0]}:***@`);
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) if (/pass/i.test(key)) u.searchParams.set(key, '***');
    return u.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/]*@/i, '$1***@');
  }
}
