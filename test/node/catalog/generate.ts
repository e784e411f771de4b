/**
 * Deterministic generated catalog entries for tests and the bench: realistic Spanish newscast
 * metadata (outlets, programs, states, tags, accented words), seeded so every run sees the same data.
 */
import type { CatalogEntry } from '../../../src/catalog/format.ts';
import type { VideoRecord } from '../../../src/contract/video-record.ts';
import { MEXICAN_STATES } from '../../../src/catalog/states.ts';

export const OUTLETS = [
  'Televisa',
  'TV Azteca',
  'Canal Once',
  'Imagen Televisión',
  'Milenio',
  'Radio Fórmula',
  'Canal 22',
  'Multimedios',
  'ADN 40',
  'Excélsior TV',
];
export const PROGRAMS = [
  'Noticiero Estelar',
  'En Punto',
  'Hechos',
  'Once Noticias',
  'Despierta',
  'Primero Noticias',
  'Al Aire',
  'Las Noticias',
  'Informativo',
  'Análisis',
];
export const TAGS = [
  'elecciones',
  'debate',
  'campaña',
  'encuesta',
  'propaganda',
  'veda',
  'conteo rápido',
  'fiscalización',
  'casilla',
  'candidatura',
  'coalición',
  'spot',
];
const COMMON = [
  'elección',
  'candidata',
  'candidato',
  'gobernador',
  'diputación',
  'senaduría',
  'presidencia',
  'municipal',
  'debate',
  'propuestas',
  'seguridad',
  'economía',
  'educación',
  'salud',
  'campaña',
  'mitin',
  'votación',
  'jornada',
  'niñez',
  'año',
  'señal',
  'peña',
  'encuesta',
  'resultados',
  'conteo',
  'observadores',
  'ciudadanía',
  'participación',
  'entrevista',
  'declaración',
  'reportaje',
  'cobertura',
  'transmisión',
  'información',
  'análisis',
  'opinión',
  'mesa',
  'foro',
  'consulta',
  'revocación',
];
/** Rarer words, as real newscast metadata has thousands: places, people, topics. */
const RARE = [
  'agua',
  'alcaldía',
  'alianza',
  'aranceles',
  'armada',
  'asamblea',
  'auditoría',
  'autonomía',
  'ayuntamiento',
  'bancada',
  'boleta',
  'cabildo',
  'cámara',
  'carretera',
  'casilla',
  'cierre',
  'coalición',
  'colonia',
  'comicios',
  'comisión',
  'congreso',
  'constitución',
  'contraloría',
  'corrupción',
  'crédito',
  'cuenta',
  'defensa',
  'delegación',
  'democracia',
  'denuncia',
  'derechos',
  'deuda',
  'distrito',
  'ejido',
  'empleo',
  'energía',
  'escuela',
  'estadio',
  'fiscalía',
  'frontera',
  'gasolina',
  'gasto',
  'gobierno',
  'hacienda',
  'hospital',
  'huracán',
  'impuestos',
  'infraestructura',
  'iniciativa',
  'inflación',
  'inversión',
  'jóvenes',
  'juicio',
  'justicia',
  'legislatura',
  'licitación',
  'lluvias',
  'magistrada',
  'marcha',
  'medicamentos',
  'migración',
  'minería',
  'movilidad',
  'mujeres',
  'obra',
  'padrón',
  'pensiones',
  'periodistas',
  'petróleo',
  'plaza',
  'pobreza',
  'policía',
  'precios',
  'presupuesto',
  'protesta',
  'puerto',
  'reforma',
  'refinería',
  'regidores',
  'salario',
  'sequía',
  'sindicato',
  'sismo',
  'suprema',
  'tarifa',
  'transparencia',
  'transporte',
  'tribunal',
  'turismo',
  'universidad',
  'vacunas',
  'vivienda',
  'zócalo',
  'Acapulco',
  'Cancún',
  'Chilpancingo',
  'Ecatepec',
  'Hermosillo',
  'Juárez',
  'León',
  'Mérida',
  'Monterrey',
  'Morelia',
  'Nezahualcóyotl',
  'Saltillo',
  'Tijuana',
  'Toluca',
  'Torreón',
  'Xalapa',
  'Zapopan',
  'Álvarez',
  'Castañeda',
  'Cervantes',
  'Domínguez',
  'Espinoza',
  'Fernández',
  'Gutiérrez',
  'Hernández',
  'Ibáñez',
  'Jiménez',
  'López',
  'Martínez',
  'Muñoz',
  'Núñez',
  'Ordóñez',
  'Pérez',
  'Ramírez',
  'Rodríguez',
  'Sánchez',
  'Treviño',
  'Valdés',
  'Yáñez',
  'Zúñiga',
];

/** Mulberry32: small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, a: readonly T[]): T => a[Math.floor(r() * a.length)];
/** Mostly common words, one in three rare (a long tail, as real metadata has). */
const words = (r: () => number, n: number) => Array.from({ length: n }, () => (r() < 0.34 ? pick(r, RARE) : pick(r, COMMON))).join(' ');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function hexId(r: () => number): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}

export function generateEntries(count: number, seed = 1): CatalogEntry[] {
  const r = rng(seed);
  const start = Date.UTC(2024, 0, 1);
  const out: CatalogEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(start + Math.floor(r() * 180 * 86400_000)).toISOString();
    out.push({
      id: hexId(r),
      title: cap(words(r, 3 + Math.floor(r() * 4))),
      description: cap(words(r, 10 + Math.floor(r() * 10))) + '.',
      outlet: pick(r, OUTLETS),
      program: pick(r, PROGRAMS),
      broadcastAt: at,
      state: pick(r, MEXICAN_STATES),
      tags: [pick(r, TAGS), pick(r, TAGS)].filter((t, k, a) => a.indexOf(t) === k),
      durationSeconds: 20 + Math.floor(r() * 600),
      poster: 'poster.jpg',
      publishedAt: at,
      updatedAt: at,
    });
  }
  return out;
}

/** A clip record as packaging writes it (ready), for sync tests and browser seeds. */
export function recordFor(id: string, over: Partial<VideoRecord> & { metadata?: Partial<VideoRecord['metadata']> } = {}): VideoRecord {
  const now = new Date().toISOString();
  const { metadata, ...rest } = over;
  return {
    schemaVersion: 1,
    id,
    status: 'ready',
    published: false,
    metadata: { title: `Clip ${id.slice(0, 6)}`, ...metadata },
    durationSeconds: 42,
    width: 1280,
    height: 720,
    renditions: [],
    master: 'master.m3u8',
    poster: 'poster.jpg',
    storyboard: null,
    source: { key: `uploads/us-east-1:test/${id}.mp4`, size: 1, sha256: '0'.repeat(64) },
    createdAt: now,
    updatedAt: now,
    ...rest,
  };
}
