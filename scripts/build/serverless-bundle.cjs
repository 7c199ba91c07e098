// A local Serverless plugin: before packaging, bundle each function with esbuild into its own small zip,
// so a deploy ships one minified file per function instead of the whole node_modules.
// serverless-offline does not package, so it keeps running the TypeScript sources directly.
const fs = require('node:fs');
const path = require('node:path');
const yazl = require('yazl');
const { bundleHandler, ROOT } = require('./bundle.cjs');

const OUT = path.join(ROOT, '.bundle');

function zipFile(file, zipPath) {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    // A fixed date keeps the zip byte-identical between builds, so unchanged functions are not redeployed.
    zip.addFile(file, 'index.js', { mtime: new Date('2020-01-01T00:00:00Z'), mode: 0o644 });
    zip.outputStream.pipe(fs.createWriteStream(zipPath)).on('close', resolve).on('error', reject);
    zip.end();
  });
}

class BundlePlugin {
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options;
    this.hooks = {
      'before:package:createDeploymentArtifacts': () => this.bundle(serverless.service.getAllFunctions()),
      'before:deploy:function:packageFunction': () => this.bundle([options.function]),
    };
  }

  async bundle(names) {
    fs.mkdirSync(OUT, { recursive: true });
    for (const name of names) {
      const fn = this.serverless.service.getFunction(name);
      const exportName = fn.handler.slice(fn.handler.lastIndexOf('.') + 1);
      const js = path.join(OUT, name, 'index.js');
      const { bytes } = await bundleHandler(fn.handler, js);
      const zipPath = path.join(OUT, `${name}.zip`);
      await zipFile(js, zipPath);
      fn.handler = `index.${exportName}`;
      fn.package = { ...(fn.package || {}), artifact: zipPath };
      this.serverless.cli.log(`bundled ${name}: ${(bytes / 1024).toFixed(0)} KB`);
    }
  }
}

module.exports = BundlePlugin;
