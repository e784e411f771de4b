/**
 * The admin page: a login form (the stand-in's auth broker standing in for INE's LDAP backend),
 * then the uploader and the admin catalog, sharing the page-wide credentials. Sign-out forgets them.
 * Uses the plain API the autoloader exports, as an INE page would.
 */
import { setupLanguage, text } from './i18n.ts';
import { hideWorkspace, showLead, showWorkspace } from './admin-workspace.ts';

// The very module the page's loader script loaded (same URL, so one instance): `/src/autoloader.ts`
// on the development server, the script-tag bundle in the built demo (`npm start`).
const autoloaderUrl = document.querySelector<HTMLScriptElement>('script[data-ine-loader]')!.src;
const { configReady, configure, loginWithPassword, resetSharedCredentials } = (await import(
  /* @vite-ignore */ autoloaderUrl
)) as typeof import('../src/autoloader.ts');

interface Token {
  identityId: string;
  token: string;
  role?: string;
  expiresAt?: string;
}

const form = document.getElementById('login') as HTMLFormElement;
const error = document.getElementById('login-error')!;
const who = document.getElementById('who')!;
const signOutButton = document.getElementById('sign-out')!;
let session: { user: string; token: Token } | undefined;

function showWho(): void {
  if (!session) return;
  who.textContent = text('signedInAs', session.user, session.token.role ?? '');
  showLead(session.token.role);
}
setupLanguage(showWho);

// The elements ask for the login token through this callback whenever they need credentials.
configure({
  loginToken: async () => {
    if (!session) throw Object.assign(new Error('Not signed in'), { name: 'NotSignedIn' });
    return session.token;
  },
});

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.hidden = true;
  const data = new FormData(form);
  const user = String(data.get('username') ?? '').trim();
  try {
    const config = await configReady();
    const token = (await loginWithPassword(config.authUrl!, user, String(data.get('password') ?? ''))) as Token;
    session = { user, token };
    form.reset();
    signIn();
  } catch (err) {
    const code = (err as { code?: string }).code;
    const key =
      code === 'AccessDenied' ? 'loginFailed' : code === 'Throttled' ? 'loginThrottled' : code === 'AccountLocked' ? 'loginLocked' : 'loginError';
    error.textContent = text(key);
    error.hidden = false;
  }
});

function signIn(): void {
  form.hidden = true;
  who.hidden = false;
  signOutButton.hidden = false;
  document.getElementById('login-lead')!.hidden = true;
  // The admin's catalog follows the index by itself (new clips appear once packaged).
  showWorkspace(session?.token.role);
  showWho();
}

signOutButton.addEventListener('click', () => {
  session = undefined;
  void resetSharedCredentials();
  hideWorkspace();
  document.getElementById('login-lead')!.hidden = false;
  who.hidden = true;
  signOutButton.hidden = true;
  form.hidden = false;
  (form.elements.namedItem('username') as HTMLInputElement).focus();
});
