// The login page and the settings page (API tokens).
import type { ApiTokenView } from '../../app/tokenView.ts';
import { html } from '../html.ts';
import { layout } from '../layout.ts';
import { absoluteTime } from '../format.ts';

export function loginPage(p: { next: string; error?: string | null; csrf: string }): string {
  const body = html`<h1>Log in</h1>
<form method="post" action="/login" class="case-form narrow">
<input type="hidden" name="_csrf" value="${p.csrf}">
<input type="hidden" name="next" value="${p.next}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${p.error ? html` aria-invalid="true" aria-describedby="password-error"` : ''}>
${p.error ? html`<p class="error" id="password-error">${p.error}</p>` : ''}
<button type="submit">Log in</button>
</form>`;
  return layout({ title: 'Log in', body });
}

export interface SettingsPageProps {
  tokens: ApiTokenView[];
  created?: { name: string; token: string } | null;
  error?: string | null;
  csrf: string;
  /** ADMIN_PASSWORD is set: there is a session to end. Without it nobody logs in, so there is no "Log out". */
  loginEnabled: boolean;
}

export function settingsPage(p: SettingsPageProps): string {
  const body = html`<h1>Settings</h1>
<h2>API tokens</h2>
<p>Scripts and other tools use a token as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
${p.created ? html`<div class="alert ok" role="status"><p>New token <strong>${p.created.name}</strong>. Copy it now; it is not shown again:</p><p><code class="token">${p.created.token}</code></p></div>` : ''}
<form method="post" action="/settings/tokens" class="case-form narrow">
<input type="hidden" name="_csrf" value="${p.csrf}">
<label for="token-name">Name (what will use it)</label>
<input id="token-name" name="name" maxlength="100" required${p.error ? html` aria-invalid="true" aria-describedby="token-name-error"` : ''}>
${p.error ? html`<p class="error" id="token-name-error">${p.error}</p>` : ''}
<button type="submit">Create token</button>
</form>
${p.tokens.length
  ? html`<table><thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${p.tokens.map(
      (t) => html`<tr><td>${t.name}</td><td>${absoluteTime(t.createdAt)}</td><td>${absoluteTime(t.lastUsedAt)}</td><td><form method="post" action="/settings/tokens/${t.id}/delete" class="inline"><input type="hidden" name="_csrf" value="${p.csrf}"><button type="submit" class="secondary" aria-label="Revoke ${t.name}">Revoke</button></form></td></tr>`,
    )}</tbody></table>`
  : html`<p class="muted">No tokens yet.</p>`}
${p.loginEnabled
  ? html`<h2>Session</h2>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${p.csrf}"><button type="submit" class="secondary">Log out</button></form>`
  : html`<h2>Login</h2>
<p class="muted">No password is set, so anyone who can reach this address can use casewatch. \
Set <code>ADMIN_PASSWORD</code> to require a login.</p>`}`;
  const jobs = html`<h2>Background jobs</h2>
<p><a href="/jobs">Background jobs</a>: matching saved cases against the stored stories, fetching imported feeds, polling; with their progress and outcome.</p>`;
  return layout({ title: 'Settings', nav: 'settings', body: html`${body}${jobs}` });
}
