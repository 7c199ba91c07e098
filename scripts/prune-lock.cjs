// The registry these machines use lacks some optional platform builds (e.g. @tarojs/binding-darwin-arm64@4.2.1).
// `npm install` then writes a lock whose optionalDependencies name packages it has no entry for, and `npm ci`
// refuses that lock. This drops exactly those dangling optional edges; nothing that is installed changes.
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(__dirname, '..', 'package-lock.json');
if (!fs.existsSync(file)) process.exit(0);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages ?? {};

/** Where Node would find `name` from the package at `at` (its own node_modules, then each parent's). */
function resolves(at, name) {
  for (let dir = at; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
    if (packages[dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`]) return true;
    if (!dir) return false;
  }
}

const pruned = [];
for (const [at, pkg] of Object.entries(packages)) {
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
    if (!resolves(at, name)) {
      delete pkg.optionalDependencies[name];
      pruned.push(`${at || '(root)'} → ${name}`);
    }
  }
}
if (pruned.length) {
  fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`prune-lock: dropped ${pruned.length} optional dependencies the registry does not serve`);
}
