// Bundles the compiled CLI (dist/src/cli/program.js and everything it imports,
// node_modules included) into dist/bundle/ with esbuild, so `netguide` loads a
// few files instead of ~100 modules (src/cli.ts picks the bundle when it is
// fresh). Commands' lazy imports stay lazy: they become chunks of their own.
// A module that finds files next to itself through `import.meta.url` keeps
// finding them: its `import.meta.url` is rewritten to its own place in dist/.
// Run after tsc: `node scripts/bundle-cli.mjs` (npm run compile does both).
import { build } from 'esbuild';
import { chmod, readFile, rm } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, 'dist/bundle');
const entry = resolve(root, 'dist/src/cli/program.js');

/** Every module under dist/src that mentions import.meta.url sees its own URL, not the chunk's. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.js$/ }, async (args) => {
      const contents = await readFile(args.path, 'utf8');
      if (!contents.includes('import.meta.url')) return { contents, loader: 'js' };
      const path = relative(outdir, args.path).split('\\').join('/');
      return { contents: contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(path)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

/**
 * `netguide build` loads the site (dist/src/site/build.js) as tsc wrote it, not bundled: Eleventy
 * loads .eleventy.js, which imports dist/src/site/ modules and must share their state (the build's
 * context) with the command, so both must be the same module instances.
 */
const siteBuildModule = resolve(root, 'dist/src/site/build.js');
const siteUnbundled = {
  name: 'site-unbundled',
  setup(b) {
    b.onResolve({ filter: /site[\\/]build\.js$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      if (path !== siteBuildModule) return undefined;
      return { path: relative(outdir, path).split('\\').join('/').replace(/^(?!\.)/, './'), external: true };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { program: entry },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  // CommonJS dependencies call require(): give the ES module chunks one
  banner: { js: "import { createRequire as __netguideRequire } from 'node:module'; const require = __netguideRequire(import.meta.url);" },
  // the site's generator and indexer stay packages of their own (Eleventy's dev server is CommonJS that is no valid ES module; both load their plugins by path)
  external: ['@11ty/*', 'pagefind'],
  plugins: [ownUrl, siteUnbundled],
  logLevel: 'warning',
  metafile: true,
});
// the bin runs through its shebang (and its V8 flags), as npm's link of it does
await chmod(resolve(root, 'dist/src/cli.js'), 0o755);
const outputs = Object.entries(result.metafile.outputs);
const bytes = outputs.reduce((sum, [, o]) => sum + o.bytes, 0);
console.log(`bundle-cli: ${outputs.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${relative(root, outdir)}/`);
