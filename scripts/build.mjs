// Builds what `npm start` runs, only when its sources changed: a content hash of each target's inputs is stored
// beside its output (web/dist/.build-hash, server/dist/.build-hash) and compared on every start.
//   web     the React app (vite build into web/dist)
//   server  the server and the shared domain bundled into one file (server/dist/main.mjs, libraries stay in
//           node_modules), so a start loads one module instead of tsx compiling ~160 files each time
// Usage: node scripts/build.mjs [web] [server] [--force]   (no target: both). Prints one line per target,
// or the builder's output on failure.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const SHARED = ['domain/src', 'domain/package.json', 'package-lock.json', 'tsconfig.base.json', 'scripts/build.mjs'];

const TARGETS = {
  web: {
    label: '前端',
    inputs: ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'web/package.json', ...SHARED],
    output: 'web/dist/index.html',
    hashFile: 'web/dist/.build-hash',
    build: buildWeb,
  },
  server: {
    label: '服务端',
    inputs: ['server/src', 'server/package.json', ...SHARED],
    output: 'server/dist/main.mjs',
    hashFile: 'server/dist/.build-hash',
    build: buildServer,
  },
};

function listFiles(rel) {
  const abs = path.join(root, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [rel];
  return fs
    .readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/** sha256 over the relative path and content of every input file (tests excluded), and the checkout's place. */
export function sourceHash(inputs) {
  const hash = createHash('sha256').update(root).update('\0');
  for (const rel of inputs.flatMap(listFiles)) {
    hash.update(rel.split(path.sep).join('/')).update('\0').update(fs.readFileSync(path.join(root, rel))).update('\0');
  }
  return hash.digest('hex');
}

/** vite in a child process (asynchronous, so `npm start` can open the database and load the demo meanwhile). */
function buildWeb() {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: path.join(root, 'web'), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ ok: false, output: String(err) }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

async function buildServer() {
  const esbuild = await import(pathToFileURL(path.join(root, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
  // Libraries stay external (loaded from node_modules); the workspace packages (TypeScript sources) are bundled.
  const externalLibraries = {
    name: 'external-libraries',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@yanzhen/') ? undefined : { path: a.path, external: true }));
      // import.meta in a bundled file keeps meaning that file (config.ts finds the checkout, db.ts its migrations).
      b.onLoad({ filter: /\.ts$/ }, (a) => {
        let text = fs.readFileSync(a.path, 'utf8');
        if (text.includes('import.meta')) {
          text = text
            .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(a.path)))
            .replaceAll('import.meta.filename', JSON.stringify(a.path))
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href));
        }
        return { contents: text, loader: 'ts' };
      });
    },
  };
  try {
    await esbuild.build({
      entryPoints: [path.join(root, 'server', 'src', 'main.ts')],
      outfile: path.join(root, 'server', 'dist', 'main.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      plugins: [externalLibraries],
      logLevel: 'silent',
    });
    return { ok: true, output: '' };
  } catch (err) {
    return { ok: false, output: String(err?.message ?? err) };
  }
}

/** Builds one target if its sources changed; prints one line; exits the process on a failed build. */
export async function ensureBuilt(name, force = false) {
  const t = TARGETS[name];
  const started = Date.now();
  const hash = sourceHash(t.inputs);
  const hashFile = path.join(root, t.hashFile);
  const built = fs.existsSync(path.join(root, t.output)) && fs.existsSync(hashFile) ? fs.readFileSync(hashFile, 'utf8').trim() : null;
  if (!force && built === hash) {
    console.log(`${t.label}未改动，沿用已有构建（${path.dirname(t.output)}）`);
    return;
  }
  if (name === 'web') console.log(`正在构建${t.label}${built ? '（源码有改动）' : ''}…`);
  const result = await t.build();
  if (!result.ok) {
    console.error(result.output);
    console.error(`${t.label}构建失败（见上方输出）。`);
    process.exit(1);
  }
  // The hash of the sources as read before the build (an edit made during the build triggers the next one).
  fs.writeFileSync(hashFile, `${hash}\n`);
  console.log(`${t.label}${built ? '源码有改动，已重新构建' : '已构建'}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const named = args.filter((a) => a in TARGETS);
  for (const name of named.length > 0 ? named : Object.keys(TARGETS)) await ensureBuilt(name, force);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
