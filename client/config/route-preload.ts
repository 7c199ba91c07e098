import type { Compilation, Compiler } from 'webpack';

/**
 * H5: Taro loads each page's code lazily, so a first visit used to fetch the page's chunks only after the
 * app's scripts had run. This plugin writes into index.html, for every page, the chunk files it needs, and a
 * few lines that preload the current page's files while the app's scripts download: the page the URL names,
 * or, at the root, the home page when a session is stored and the sign-in page when not (as entry-route.ts
 * decides).
 */
export class RoutePreloadPlugin {
  apply(compiler: Compiler): void {
    const { webpack } = compiler;
    compiler.hooks.thisCompilation.tap('RoutePreloadPlugin', (compilation: Compilation) => {
      compilation.hooks.processAssets.tap({ name: 'RoutePreloadPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const html = compilation.getAsset('index.html');
        if (!html) return;
        const publicPath = String(compilation.outputOptions.publicPath ?? '/');
        const routes: Record<string, string[]> = {};
        for (const group of compilation.chunkGroups) {
          for (const origin of group.origins) {
            // Taro's entry imports each page as `./pages/home/index`, `./volunteer/pages/tasks/index`, …
            const page = /^\.\/((?:[\w-]+\/)*pages\/[\w-]+\/index)$/.exec(origin.request ?? '');
            if (!page) continue;
            const files = group.chunks.flatMap((chunk) => [...chunk.files]).filter((f) => f.endsWith('.js'));
            routes[`/${page[1]}`] = files.map((f) => `${publicPath}${f}`);
          }
        }
        const script = `<script>(function(m){try{var r=location.hash.replace(/^#/,'').split('?')[0];var s=JSON.parse(localStorage.getItem('linli.token')||'null');if(!(s&&s.data)&&(r===''||r==='/'||r==='/pages/home/index'))r='/pages/login/index';else if(r===''||r==='/')r='/pages/home/index';(m[r]||[]).forEach(function(f){var l=document.createElement('link');l.rel='preload';l.as='script';l.href=f;document.head.appendChild(l)})}catch(e){}})(${JSON.stringify(routes)})</script>`;
        const source = html.source.source().toString();
        compilation.updateAsset('index.html', new webpack.sources.RawSource(source.replace('</head>', `${script}</head>`)));
      });
    });
  }
}
