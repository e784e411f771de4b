// The server-side TypeScript modules the plugins use (the stand-in, the packager's clip store, the
// media fixtures), imported once for the whole run. Each tsImport call loads its module graph
// afresh, so importing them call by call loaded the packager's dependencies several times in one
// process (Mediabunny warned "loaded twice" in every browser run). No plugins of its own.
import { tsImport } from 'tsx/esm/api';

let loaded;
export const serverSide = () => (loaded ??= tsImport('./server-side.ts', import.meta.url));
