import type { Messages } from '../../../../i18n/localize.js';

/** Textos de la verificación de integridad del reproductor (es-MX), cargados con el distintivo. */
const messages = {
  verifying: 'Verificando…',
  verifyingLong: 'Verificando la integridad del video',
  verified: 'Verificado',
  verifiedLong: 'Verificado: este video es el original firmado por la plataforma. Ver detalles',
  failed: 'Verificación fallida',
  failedLong: 'Verificación fallida: este video no coincide con el original firmado. Ver detalles',
  details: 'Detalles de la verificación',
  sourceHash: 'Huella SHA-256 del archivo original',
  uploadedAt: 'Subido',
  packagedAt: 'Empaquetado',
  keyId: 'Clave de firma',
  checkedFiles: 'Archivos verificados hasta ahora',
  whatFailed: 'Qué falló',
  'target.manifest': 'el manifiesto de procedencia',
  'target.keys': 'las claves de la plataforma',
  'target.playlist': 'una lista de reproducción',
  'target.segment': 'un segmento de video',
  'failure.manifest-missing': 'Este video no tiene manifiesto de procedencia firmado.',
  'failure.manifest-invalid': 'El manifiesto de procedencia está dañado o no tiene el formato esperado.',
  'failure.unknown-key': 'El manifiesto está firmado con una clave que no es de la plataforma.',
  'failure.bad-signature': 'La firma del manifiesto no coincide: el manifiesto fue alterado.',
  'failure.hash-mismatch': 'Un archivo del video no es el que se firmó al empaquetarlo: fue alterado.',
  'failure.not-covered': 'Se recibió un archivo que no está en el manifiesto firmado.',
  'failure.wrong-clip': 'El manifiesto firmado corresponde a otro video.',
} satisfies Messages;
export default messages;
