// Jest transformer: TypeScript (and the client's TSX) and the ESM-only dependencies (middy, jose) to CommonJS with esbuild,
// which the project already uses for its deploy bundles.
const { transformSync } = require('esbuild');
const path = require('node:path');

module.exports = {
  process(source, filename) {
    const ext = path.extname(filename).slice(1);
    const { code, map } = transformSync(source, {
      loader: ext === 'ts' || ext === 'tsx' ? ext : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
      // import() becomes require(): jest's CommonJS sandbox has no dynamic import without flags.
      supported: { 'dynamic-import': false },
      // The client's components (tsx) use React's automatic JSX runtime, as Taro compiles them.
      jsx: 'automatic',
    });
    return { code, map };
  },
};
