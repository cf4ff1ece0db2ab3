// Replays the Dockerfile's steps without a Docker engine (the build machines have none), to show
// that the image builds from the committed files and lock on a clean machine:
//   node scripts/dockerfile-dry-run.mjs [--node-bin DIR] [--keep]
// The build context is a fresh `git clone` of HEAD (committed files only, like CI). Each stage
// gets an empty folder standing for its WORKDIR; COPY copies from the context (minus
// .dockerignore) or from an earlier stage; RUN runs with the stage's ENV; FROM's image is not
// fetched: --node-bin puts that Node first on PATH (`bash scripts/node-lts.sh 24` prints one for
// the image's Node 24). Last, the final stage loads the compiled app and worker registry with
// its production-only node_modules, the way `node dist/src/server.js` would.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const nodeBin = args.includes('--node-bin') ? resolve(args[args.indexOf('--node-bin') + 1]) : null;
const keep = args.includes('--keep');
const repo = resolve(dirname(new URL(import.meta.url).pathname), '..');
const work = mkdtempSync(join(tmpdir(), 'dockerfile-dry-run-'));
const context = join(work, 'context');
const PATH = nodeBin ? `${nodeBin}:${process.env.PATH}` : process.env.PATH;
const log = (m) => console.log(`\x1b[1;34m==>\x1b[0m ${m}`);

execFileSync('git', ['clone', '--quiet', repo, context]);
const head = execFileSync('git', ['-C', context, 'rev-parse', '--short', 'HEAD']).toString().trim();
log(`context: fresh clone of ${repo} at ${head} in ${context}`);
rmSync(join(context, '.git'), { recursive: true, force: true });
const ignored = existsSync(join(context, '.dockerignore'))
  ? readFileSync(join(context, '.dockerignore'), 'utf8').split('\n').map((s) => s.trim().replace(/\/$/, '')).filter((s) => s && !s.startsWith('#'))
  : [];

const lines = readFileSync(join(context, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const stages = [];
let stage = null;
const started = Date.now();

function copy(from, to, srcs, dst) {
  const target = dst === '.' || dst === './' || dst.endsWith('/') ? join(to, dst) : join(to, dst);
  for (const src of srcs) {
    if (src === '.' || src === './') {
      for (const entry of readdirSync(from)) {
        if (ignored.includes(entry)) continue;
        cpSync(join(from, entry), join(target, entry), { recursive: true });
      }
    } else if (srcs.length > 1 || dst.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      cpSync(join(from, src), join(target, basename(src)), { recursive: true });
    } else {
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(from, src), target, { recursive: true });
    }
  }
}

for (const line of lines) {
  const [op, ...rest] = line.split(/\s+/);
  const arg = line.slice(op.length).trim();
  switch (op.toUpperCase()) {
    case 'FROM': {
      const name = /\sAS\s+(\S+)/i.exec(arg)?.[1] ?? String(stages.length);
      stage = { name, image: rest[0], dir: join(work, `stage-${stages.length}-${name}`), workdir: null, env: {} };
      mkdirSync(stage.dir, { recursive: true });
      stages.push(stage);
      log(`FROM ${rest[0]} (stage "${name}"; running on ${spawnSync('node', ['-v'], { env: { ...process.env, PATH } }).stdout.toString().trim()} from ${nodeBin ?? 'PATH'})`);
      break;
    }
    case 'WORKDIR':
      stage.workdir = arg; // the stage folder stands for it
      break;
    case 'ENV': {
      const m = /^(\S+?)[=\s]+(.*)$/.exec(arg);
      stage.env[m[1]] = m[2].replace(/^"|"$/g, '');
      log(`ENV ${m[1]}=${stage.env[m[1]]}`);
      break;
    }
    case 'COPY': {
      const parts = rest.filter((p) => !p.startsWith('--'));
      const fromStage = /--from=(\S+)/.exec(arg)?.[1];
      const dst = parts.pop();
      if (fromStage) {
        const src = stages.find((s) => s.name === fromStage);
        const rel = parts.map((p) => p.replace(new RegExp(`^${src.workdir}/?`), '') || '.');
        copy(src.dir, stage.dir, rel, dst);
      } else copy(context, stage.dir, parts, dst);
      log(`COPY ${arg}`);
      break;
    }
    case 'RUN': {
      log(`RUN ${arg}`);
      const t = Date.now();
      const r = spawnSync('bash', ['-c', arg], { cwd: stage.dir, stdio: 'inherit', env: { ...process.env, ...stage.env, PATH } });
      if (r.status !== 0) {
        console.error(`\x1b[1;31mfailed:\x1b[0m RUN ${arg} (exit ${r.status}); the image would not build. Work folder kept: ${work}`);
        process.exit(1);
      }
      log(`   ok in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      break;
    }
    default:
      log(`${op} ${arg} (recorded, nothing to do without Docker)`);
  }
}

log('final stage: loading the compiled API and worker registry with production dependencies only');
const probe = spawnSync('node', ['--input-type=module', '-e', "await import('./dist/src/app.js'); await import('./dist/workers/registry.js'); console.log('modules load')"], {
  cwd: stage.dir,
  stdio: 'inherit',
  env: { ...process.env, ...stage.env, PATH },
});
if (probe.status !== 0) {
  console.error(`\x1b[1;31mfailed:\x1b[0m the final stage cannot load dist/ (kept: ${work})`);
  process.exit(1);
}
log(`image steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (!keep) rmSync(work, { recursive: true, force: true });
else log(`kept ${work}`);
