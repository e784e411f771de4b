import type { Messages } from '../../../i18n/localize.js';

/** Mensajes de error del reproductor (es-MX); se cargan con el primer error, no en la primera descarga. */
const messages: Messages = {
  'error.NotFound': 'No encontramos este video. Puede que no exista o que todavía no esté publicado.',
  'error.NotPublished': 'Este video todavía no está publicado.',
  'error.Processing': 'Este video se está procesando. Intenta de nuevo en unos minutos.',
  'error.ProcessingFailed': 'No se pudo procesar este video.',
  'error.UnsupportedRecord': 'Este video usa un formato más reciente que esta versión del reproductor.',
  'error.Network': 'Se perdió la conexión. Reintentaremos en cuanto vuelva la red.',
  'error.ServerError': 'El servidor de video respondió con un error. Intenta de nuevo en unos momentos.',
  'error.Unsupported': 'Este navegador no puede reproducir el formato de este video.',
  'error.Decode': 'El video está dañado o no se pudo decodificar.',
  'error.NoSource': 'No se indicó qué video reproducir.',
  'error.Unknown': 'Ocurrió un error inesperado al reproducir el video.',
};
export default messages;
