// Bundle the CLI, the language server and the VS Code client with esbuild (one file each).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
// jsonc-parser's UMD build hides its requires from esbuild; its ESM build bundles cleanly.
const jsoncEsm = path.join(path.dirname(require.resolve('jsonc-parser/package.json')), 'lib/esm/main.js');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  alias: { 'jsonc-parser': jsoncEsm },
  // Dependencies' ESM builds (fdir, via tinyglobby) use import.meta.url, which a CJS bundle lacks.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  entryPoints: ['server/src/cli/main.ts'],
  outfile: 'dist/cli.js',
});
chmodSync('dist/cli.js', 0o755);

await build({
  ...common,
  entryPoints: ['server/src/lsp/main.ts'],
  outfile: 'dist/server.js',
  minify: true,
});

await build({
  ...common,
  entryPoints: ['client/src/extension.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: true,
});

// The background linter of cloud assemblies (a worker thread of the server).
await build({
  ...common,
  entryPoints: ['server/src/lsp/assembly-worker.ts'],
  outfile: 'dist/assembly-worker.js',
  minify: true,
});
