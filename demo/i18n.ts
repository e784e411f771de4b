/**
 * The demo pages' own texts (the elements translate themselves) and the language switch:
 * Spanish (Mexico) by default, English on request; the choice is remembered and set on <html lang>,
 * which every element follows.
 */
const TEXTS = {
  'es-MX': {
    site: 'Monitoreo de noticieros',
    skip: 'Saltar al contenido',
    publicTitle: 'Clips de noticieros',
    publicLead: 'Busca entre los clips publicados por medio, programa, entidad, fecha o etiqueta, y míralos aquí mismo.',
    player: 'Reproductor',
    catalog: 'Catálogo',
    adminLink: 'Administración',
    publicLink: 'Sitio público',
    adminTitle: 'Administración de clips',
    adminLead: 'Sube videos, edita su información, publícalos, despublícalos o elimínalos.',
    login: 'Iniciar sesión',
    username: 'Usuario',
    password: 'Contraseña',
    loginFailed: 'Usuario o contraseña incorrectos.',
    loginThrottled: 'Demasiados intentos fallidos. Espera un minuto e inténtalo de nuevo.',
    loginLocked: 'Tu cuenta está bloqueada. Pide ayuda a la persona administradora.',
    loginError: 'No se pudo iniciar sesión. Revisa que el servicio local esté en marcha.',
    signOut: 'Cerrar sesión',
    signedInAs: (u: string, r: string) => `Sesión iniciada como ${u} (${r})`,
    upload: 'Subir videos',
    manage: 'Catálogo completo',
    preview: 'Vista previa',
    uploaderLead: 'Sube videos y sigue su estado en «Mis envíos». Una persona administradora los revisa y publica.',
    noRightsLead: 'Esta cuenta no tiene permiso para subir ni administrar clips.',
    noRights:
      'Tu cuenta solo puede ver los clips publicados, en el sitio público. Si necesitas subir o administrar clips, pide el permiso a la persona administradora y vuelve a iniciar sesión.',
    language: 'Idioma',
    footer: 'Demostración local de los componentes de video del INE.',
  },
  en: {
    site: 'Newscast monitoring',
    skip: 'Skip to content',
    publicTitle: 'Newscast clips',
    publicLead: 'Search the published clips by outlet, program, state, date or tag, and watch them right here.',
    player: 'Player',
    catalog: 'Catalog',
    adminLink: 'Administration',
    publicLink: 'Public site',
    adminTitle: 'Clip administration',
    adminLead: 'Upload videos, edit their details, publish, unpublish or delete them.',
    login: 'Sign in',
    username: 'User name',
    password: 'Password',
    loginFailed: 'Wrong user name or password.',
    loginThrottled: 'Too many failed attempts. Wait a minute and try again.',
    loginLocked: 'Your account is locked. Ask an administrator for help.',
    loginError: 'Could not sign in. Check that the local stand-in is running.',
    signOut: 'Sign out',
    signedInAs: (u: string, r: string) => `Signed in as ${u} (${r})`,
    upload: 'Upload videos',
    manage: 'Full catalog',
    preview: 'Preview',
    uploaderLead: 'Upload videos and follow their state in “My uploads”. An administrator reviews and publishes them.',
    noRightsLead: 'This account has no rights to upload or manage clips.',
    noRights:
      'Your account can only watch published clips, on the public site. If you need to upload or manage clips, ask an administrator for the right and sign in again.',
    language: 'Language',
    footer: 'Local demo of INE’s video elements.',
  },
};

export type Lang = keyof typeof TEXTS;
type Key = keyof (typeof TEXTS)['es-MX'];

export function lang(): Lang {
  return document.documentElement.lang === 'en' ? 'en' : 'es-MX';
}

export function text(key: Key, ...args: string[]): string {
  const v = TEXTS[lang()][key] as string | ((...a: string[]) => string);
  return typeof v === 'function' ? v(...args) : v;
}

/** Fill every `[data-text]` element, and wire the language switch. */
export function setupLanguage(onChange?: () => void): void {
  const saved = localStorage.getItem('ine-demo-lang');
  document.documentElement.lang = saved === 'en' ? 'en' : 'es-MX';
  const apply = () => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) el.textContent = text(el.dataset.text as Key);
    for (const b of document.querySelectorAll<HTMLButtonElement>('.lang button')) b.setAttribute('aria-pressed', String(b.value === lang()));
    document.title = `${text(document.body.dataset.page === 'admin' ? 'adminTitle' : 'publicTitle')} · INE`;
    onChange?.();
  };
  for (const b of document.querySelectorAll<HTMLButtonElement>('.lang button')) {
    b.addEventListener('click', () => {
      document.documentElement.lang = b.value;
      localStorage.setItem('ine-demo-lang', b.value);
      apply();
    });
  }
  apply();
}
