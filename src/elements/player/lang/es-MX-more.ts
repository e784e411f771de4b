import type { Messages } from '../../../i18n/localize.js';

/**
 * Mensajes del reproductor (es-MX) que no hacen falta al inicio: errores, el panel de
 * configuración y la ayuda de teclado. Se cargan con el primer error o cuando el puntero o el foco
 * llegan al reproductor, no en la primera descarga.
 */
const messages = {
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
  'error.Integrity': 'No se puede garantizar que este video sea el original publicado: la verificación de integridad falló y la reproducción se detuvo.',
  'error.Unknown': 'Ocurrió un error inesperado al reproducir el video.',
  'shortcut.toggle': 'Reproducir o pausar',
  'shortcut.back10': 'Retroceder 10 segundos',
  'shortcut.forward10': 'Adelantar 10 segundos',
  'shortcut.back5': 'Retroceder 5 segundos',
  'shortcut.forward5': 'Adelantar 5 segundos',
  'shortcut.volumeUp': 'Subir volumen',
  'shortcut.volumeDown': 'Bajar volumen',
  'shortcut.mute': 'Silenciar o activar sonido',
  'shortcut.fullscreen': 'Pantalla completa',
  'shortcut.captions': 'Activar o desactivar subtítulos',
  'shortcut.jump': 'Ir al 0 %, 10 %… 90 % del video',
  'shortcut.help': 'Mostrar esta ayuda',
  'key.space': 'Espacio',
  speed: 'Velocidad',
  normalSpeed: 'Normal',
  quality: 'Calidad',
  auto: 'Automática',
  autoWith: (q: string) => `Automática (${q})`,
  audioTrack: 'Pista de audio',
  captionsOff: 'Desactivados',
  close: 'Cerrar',
  copyFailed: 'No se pudo copiar; selecciona el enlace y cópialo:',
} satisfies Messages;
export default messages;
