/**
 * The admin page: a login form (the stand-in's auth broker standing in for INE's LDAP backend),
 * then the uploader and the admin catalog, sharing the page-wide credentials. Sign-out forgets them.
 * Uses the plain API the autoloader exports, as an INE page would.
 */
import { setupLanguage, text } from './i18n.ts';

// The very module the page's <script src="/src/autoloader.ts"> loaded (same URL, so one instance).
const autoloaderUrl = '/src/autoloader.ts';
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
const workspace = document.getElementById('workspace')!;
const who = document.getElementById('who')!;
const signOutButton = document.getElementById('sign-out')!;
let session: { user: string; token: Token } | undefined;

function showWho(): void {
  if (session) who.textContent = text('signedInAs', session.user, session.token.role ?? '');
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
  workspace.hidden = false;
  who.hidden = false;
  signOutButton.hidden = false;
  showWho();
  const uploader = document.createElement('ine-uploader');
  const catalog = document.createElement('ine-catalog');
  catalog.setAttribute('admin', '');
  document.getElementById('uploader-slot')!.replaceChildren(uploader);
  document.getElementById('catalog-slot')!.replaceChildren(catalog);
  // A finished upload becomes a clip once packaged; refresh the list a little later to show it.
  uploader.addEventListener('ine-upload-complete', () => {
    for (const delay of [3000, 10000, 30000]) setTimeout(() => (catalog as HTMLElement & { refresh?: () => void }).refresh?.(), delay);
  });
  workspace.querySelector('h2')?.focus();
}

signOutButton.addEventListener('click', () => {
  session = undefined;
  void resetSharedCredentials();
  document.getElementById('uploader-slot')!.replaceChildren();
  document.getElementById('catalog-slot')!.replaceChildren();
  workspace.hidden = true;
  who.hidden = true;
  signOutButton.hidden = true;
  form.hidden = false;
  (form.elements.namedItem('username') as HTMLInputElement).focus();
});
