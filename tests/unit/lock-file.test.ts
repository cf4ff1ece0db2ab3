import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 23: `npm ci` (the Dockerfile, CI) refuses a lock that lacks another platform's native
 * build. scripts/check-lock.mjs finds that offline; the committed lock must pass it.
 */
const dir = mkdtempSync(join(tmpdir(), 'lock-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (lockDir: string) => {
  try {
    return { ok: true, out: execFileSync(process.execPath, ['scripts/check-lock.mjs', join(lockDir, 'package-lock.json')], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (err) {
    return { ok: false, out: String((err as { stderr?: string }).stderr) };
  }
};

describe('package-lock.json', () => {
  it('locks every dependency of every platform, so npm ci accepts it anywhere', () => {
    const r = check('.');
    expect(r.out).toContain('every dependency of every platform locked');
    expect(r.ok).toBe(true);
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    // The native builds the image (linux x64 glibc) and developers' machines need are all there.
    for (const name of ['@node-rs/jieba-linux-x64-gnu', '@node-rs/jieba-linux-arm64-gnu', '@node-rs/jieba-darwin-arm64', '@node-rs/jieba-win32-x64-msvc']) {
      expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
    }
  });

  it('a lock written without another platform’s optional build is refused, naming the package', () => {
    copyFileSync('package.json', join(dir, 'package.json'));
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    delete lock.packages['node_modules/@node-rs/jieba-darwin-arm64'];
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
    const r = check(dir);
    expect(r.ok).toBe(false);
    expect(r.out).toContain('@node-rs/jieba-darwin-arm64: optional dependency of node_modules/@node-rs/jieba, missing from the lock');
    expect(r.out).toContain("npm run lock");
  });

  it('a dependency in package.json that the lock lacks is refused', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    pkg.dependencies['left-pad'] = '1.3.0';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    copyFileSync('package-lock.json', join(dir, 'package-lock.json'));
    const r = check(dir);
    expect(r.ok).toBe(false);
    expect(r.out).toContain('left-pad: in package.json, missing from the lock');
  });
});
