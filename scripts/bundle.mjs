// Bundles an app entry into one ESM file: workspace packages (TypeScript sources) are inlined, registry
// dependencies stay external and are resolved from node_modules at run time. Every external package must be a
// dependency of the app itself, so a production install of the app (Docker: `pnpm deploy --prod`) has it.

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'externalize-registry-deps',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@tx/') ? undefined : { external: true }));
      },
    },
  ],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const declared = new Set(Object.keys(pkg.dependencies ?? {}));
const builtins = new Set(builtinModules);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const missing = new Set();
for (const file of Object.values(result.metafile.inputs)) {
  for (const imp of file.imports) {
    if (!imp.external || imp.path.startsWith('node:') || builtins.has(imp.path)) continue;
    const name = packageOf(imp.path);
    if (!declared.has(name) && !builtins.has(name)) missing.add(name);
  }
}
if (missing.size > 0) {
  console.error(`${pkg.name}: the bundle imports packages missing from its dependencies: ${[...missing].join(', ')}`);
  process.exit(1);
}
