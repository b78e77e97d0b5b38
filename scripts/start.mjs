// `npm start`: builds the server if its sources changed (esbuild, a fraction of a second), then starts it while the
// web app builds beside it in a child process: on a fresh checkout the database opens and the demo county loads
// during the vite build instead of after it. The server prints its address only once the web app is built too
// (main.ts awaits `globalThis.yanzhenWebBuild`); API requests are answered as soon as it listens.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './build.mjs';

const root = path.resolve(import.meta.dirname, '..');
await ensureBuilt('server');
fs.mkdirSync(path.join(root, 'web', 'dist'), { recursive: true });
globalThis.yanzhenWebBuild = ensureBuilt('web');
await import(pathToFileURL(path.join(root, 'server', 'dist', 'main.mjs')).href);
