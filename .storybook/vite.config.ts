import { defineConfig } from 'vite';

// The playback stories find the stand-in `npm start` runs, on whatever port INE_LOCAL_PORT gave it
// (start Storybook with the same variable; `?standin=` in the story URL still wins).
const standIn = `http://127.0.0.1:${process.env.INE_LOCAL_PORT || 4566}`;

export default defineConfig({ define: { __INE_STAND_IN__: JSON.stringify(standIn) } });
