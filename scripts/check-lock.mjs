// Offline check that `npm ci` will accept package-lock.json on any platform: every dependency
// of package.json and every (optional) dependency of every locked package resolves to an
// entry of the lock, the way Node looks modules up (nearest node_modules folder upwards).
// The usual failure is a lock written where node_modules already existed, which lacks the
// other platforms' native builds (see scripts/lock.sh and docs/adr/0231).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const lockPath = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const pkg = JSON.parse(readFileSync(join(dirname(lockPath), 'package.json'), 'utf8'));
const packages = lock.packages ?? {};
const problems = [];

if (lock.lockfileVersion < 2) problems.push(`lockfileVersion ${lock.lockfileVersion}: npm 7+ (version 2 or 3) expected`);

function resolves(from, name) {
  // from: '' (root) or 'node_modules/a/node_modules/b'
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

const root = packages[''] ?? {};
for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
  for (const [name, range] of Object.entries(pkg[field] ?? {})) {
    if ((root[field] ?? {})[name] !== range) problems.push(`package.json ${field}.${name} "${range}" differs from the lock's root entry`);
    if (!resolves('', name)) problems.push(`${name}: in package.json, missing from the lock`);
  }
}
for (const [path, entry] of Object.entries(packages)) {
  if (path === '' || entry.link) continue;
  for (const field of ['dependencies', 'optionalDependencies']) {
    for (const name of Object.keys(entry[field] ?? {})) {
      if (!resolves(path, name)) problems.push(`${name}: ${field === 'optionalDependencies' ? 'optional ' : ''}dependency of ${path}, missing from the lock`);
    }
  }
}

if (problems.length) {
  console.error(`${lockPath}: ${problems.length} problem(s); 'npm ci' would refuse it. Run 'npm run lock'.`);
  for (const p of problems.slice(0, 40)) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`${lockPath}: ${Object.keys(packages).length - 1} packages, every dependency of every platform locked`);
