import type { Messages } from '../localize.js';

/** Messages shared by every element (namespace `common`): mostly errors. Reviewed for es-MX. */
const messages = {
  'error.AccessDenied': 'No tienes permiso para realizar esta acción. Si crees que es un error, pide acceso a la persona administradora.',
  'error.ExpiredCredentials': 'Tu sesión expiró. Vuelve a iniciar sesión para continuar; no se perdió nada.',
  'error.NotSignedIn': 'Inicia sesión para continuar.',
  'error.AccountLocked': 'Tu cuenta está bloqueada por demasiados intentos fallidos. Espera unos minutos o pide ayuda a la persona administradora.',
  'error.Network': 'Se perdió la conexión. Reintentaremos en cuanto vuelva la red.',
  'error.Conflict': 'Alguien más modificó este elemento al mismo tiempo. Revisa los cambios antes de guardar.',
  'error.ApprovalPending': 'Hay un periodo sensible en curso: tu solicitud se envió y nada cambia hasta que otra persona administradora la apruebe.',
  'error.NotFound': 'No se encontró el recurso solicitado.',
  'error.Throttled': 'El servicio está ocupado. Reintentando en unos segundos…',
  'error.ServerError': 'El servicio respondió con un error. Intenta de nuevo en unos momentos.',
  'error.InvalidCaptions': 'El archivo de subtítulos fue rechazado: revisa que sea un WebVTT o SubRip válido para este clip.',
  'error.Config': 'Falta configuración: revisa la región, el pool de identidades, el bucket y la URL del CDN.',
  'error.Unknown': 'Ocurrió un error inesperado.',
  retry: 'Reintentar',
  close: 'Cerrar',
  cancel: 'Cancelar',
  loading: 'Cargando…',
} satisfies Messages;
export default messages;
