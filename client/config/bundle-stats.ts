import { writeFileSync } from 'node:fs';
import type { Compiler } from 'webpack';

/**
 * H5, when LINLI_BUNDLE_STATS names a file: writes there, after the build, each chunk with its files, the
 * pages that load it and the size of every module in it, so what the first screen carries can be read.
 *   LINLI_BUNDLE_STATS=/tmp/h5-stats.json npm run build:h5
 */
export class BundleStatsPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('BundleStatsPlugin', (stats) => {
      const json = stats.toJson({ all: false, chunks: true, chunkModules: true, chunkOrigins: true, ids: true });
      const chunks = (json.chunks ?? []).map((c) => ({
        id: c.id,
        files: c.files,
        initial: c.initial,
        size: c.size,
        origins: [...new Set((c.origins ?? []).map((o) => o.request))],
        modules: (c.modules ?? []).map((m) => ({ name: m.name, size: m.size })).sort((a, b) => (b.size ?? 0) - (a.size ?? 0)),
      }));
      writeFileSync(this.file, JSON.stringify({ chunks }, null, 1));
    });
  }
}
