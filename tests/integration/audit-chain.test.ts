import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneAuditLog, verifyAuditChain } from '../../src/modules/audit/audit.service.js';
import { seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { creditCode } from '../helpers/records.js';

const run = promisify(execFile);
let ctx: TestContext;
let w: PeopleWorld;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
});
afterAll(() => ctx.close());

const sql = () => ctx.resources.database.sql;
const register = async (over: Record<string, unknown> = {}) => {
  const res = await ctx.app.inject({ method: 'POST', url: '/seekers', payload: seekerBody(over), headers: bearer(w.keys.staffA) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

/** Tampering as someone with database access would: around the append-only trigger. */
// (also used by the next describe through tamperLocal)
async function tamper(statement: (tx: postgres.TransactionSql) => Promise<unknown>) {
  await sql().begin(async (tx) => {
    await tx`alter table audit_log disable trigger audit_log_no_update`;
    await statement(tx);
    await tx`alter table audit_log enable trigger audit_log_no_update`;
  });
}

async function cli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'src/cli/audit.ts', 'verify'], { env: { ...process.env, DATABASE_URL: ctx.config.databaseUrl } });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

describe('the audit trail', () => {
  it('retention prunes only rows past the period, leaves a checkpoint, and the chain still verifies', async () => {
    // Rows written "eight months ago" first (the table is empty in a fresh database).
    for (let i = 0; i < 3; i++) {
      await sql()`insert into audit_log (created_at, actor_name, actor_role, action, subject_type, subject_id, fields, reason) values (now() - interval '8 months', 'old', 'staff', 'read_personal_data', 'seeker', ${'old' + i}, '{}', 'old')`;
    }
    await sql()`insert into audit_log (actor_name, actor_role, action, subject_type, subject_id, fields, reason) values ('new', 'staff', 'read_personal_data', 'seeker', 'new', '{}', 'new')`;
    await expect(pruneAuditLog(ctx.resources.database.db, new Date(Date.now() - 30 * 86_400_000))).rejects.toThrow(/at least/);
    const r = await pruneAuditLog(ctx.resources.database.db, new Date(Date.now() - 7 * 30 * 86_400_000));
    expect(r).toEqual({ removed: 3, checkpointSeq: 3 });
    const left = await sql()`select seq::int as seq, reason from audit_log order by seq`;
    expect(left).toEqual([{ seq: 4, reason: 'new' }]);
    const v = await verifyAuditChain(ctx.config.databaseUrl);
    expect(v).toMatchObject({ ok: true, rows: 1, firstSeq: 4, checkpoint: { seq: 3 } });
    // Deleting outside retention is refused by the database.
    await expect(sql()`delete from audit_log where seq = 4`).rejects.toThrow(/append-only/);
    await expect(sql()`update audit_log set reason = 'x' where seq = 4`).rejects.toThrow(/append-only/);
  });

  it('audits every write by a key in the same transaction, naming the key, the record and the fields (never values)', async () => {
    const id = await register({ name: '审计测试' });
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/seekers/${id}`, payload: { phone: '13900001111' }, headers: bearer(w.keys.staffA) });
    expect(patch.statusCode).toBe(200);
    const rows = await sql()`select action, actor_name, actor_role, subject_type, fields, reason, request_id from audit_log where subject_id = ${id} and action like 'write.%' order by seq`;
    expect(rows.map((r) => r.action)).toEqual(['write.insert', 'write.update']);
    expect(rows[1]).toMatchObject({ actor_role: 'staff', subject_type: 'seekers', fields: ['phone'], reason: 'PATCH /seekers/:id' });
    expect(rows[1]!.request_id).toBe(patch.headers['x-request-id']);
    expect(JSON.stringify(rows)).not.toContain('13900001111');
    // A refused write leaves neither the record nor an audit row.
    const before = (await sql()`select count(*)::int as n from audit_log`)[0]!.n;
    const bad = await ctx.app.inject({ method: 'PATCH', url: `/seekers/${id}`, payload: { districtCode: '999999' }, headers: bearer(w.keys.staffA) });
    expect(bad.statusCode).toBe(422);
    expect((await sql()`select count(*)::int as n from audit_log`)[0]!.n).toBe(before);
    // Key changes by a key are audited too (employer creation by the admin key, here).
    const emp = await ctx.app.inject({ method: 'POST', url: '/employers', headers: bearer(ctx.adminKey), payload: { name: '审计示例有限公司', creditCode: creditCode(), industry: 'C', sizeBand: 'small', officeId: w.officeAId } });
    expect(emp.statusCode, emp.body).toBe(201);
    const [e] = await sql()`select actor_role, action, subject_type from audit_log where subject_id = ${emp.json().id}`;
    expect(e).toMatchObject({ actor_role: 'admin', action: 'write.insert', subject_type: 'employers' });
  });

  it('verifies an intact chain, and `npm run audit -- verify` says OK', async () => {
    const v = await verifyAuditChain(ctx.config.databaseUrl);
    expect(v.ok, JSON.stringify(v.problems)).toBe(true);
    expect(v.rows).toBeGreaterThan(5);
    const out = await cli();
    expect(out.code).toBe(0);
    expect(out.out).toContain('OK');
  }, 180_000);

  it('detects a changed row', async () => {
    await register({ name: '篡改一' });
    const [victim] = await sql()`select seq from audit_log order by seq desc offset 2 limit 1`;
    await tamper((tx) => tx`update audit_log set reason = 'nothing to see' where seq = ${victim!.seq}`);
    const v = await verifyAuditChain(ctx.config.databaseUrl);
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatchObject({ seq: Number(victim!.seq), problem: 'altered' });
    const out = await cli();
    expect(out.code).toBe(1);
    expect(out.out).toContain(`FAIL seq ${victim!.seq}`);
  }, 180_000);
});

describe('tampering on a fresh chain', () => {
  let local: TestContext;
  beforeAll(async () => {
    local = await startTestApp();
  });
  afterAll(() => local.close());
  const add = async (n: number) => {
    for (let i = 0; i < n; i++) await local.resources.database.sql`insert into audit_log (actor_name, actor_role, action, subject_type, subject_id, fields, reason) values ('a', 'staff', 'read_personal_data', 'seeker', ${'s' + i}, '{name}', ${'r' + i})`;
  };
  const tamperLocal = (f: (tx: postgres.TransactionSql) => Promise<unknown>) =>
    local.resources.database.sql.begin(async (tx) => {
      await tx`alter table audit_log disable trigger audit_log_no_update`;
      await f(tx);
      await tx`alter table audit_log enable trigger audit_log_no_update`;
    });

  it('detects a removed row and rows put in another order', async () => {
    await add(6);
    expect((await verifyAuditChain(local.config.databaseUrl)).ok).toBe(true);
    await tamperLocal((tx) => tx`delete from audit_log where seq = 3`);
    let v = await verifyAuditChain(local.config.databaseUrl);
    expect(v.problems[0]).toMatchObject({ seq: 4, problem: 'missing_before' });

    // Reorder: swap the positions of rows 5 and 6 (seq and links), keeping each row's own hash.
    await tamperLocal(async (tx) => {
      await tx`update audit_log set seq = -5 where seq = 5`;
      await tx`update audit_log set seq = 5 where seq = 6`;
      await tx`update audit_log set seq = 6 where seq = -5`;
    });
    v = await verifyAuditChain(local.config.databaseUrl);
    expect(v.problems.map((p) => p.seq)).toEqual(expect.arrayContaining([5, 6]));
    expect(v.problems.some((p) => p.seq === 5 && (p.problem === 'out_of_order' || p.problem === 'altered'))).toBe(true);

    // Removing the newest row is caught by the chain head.
    const [{ m }] = await local.resources.database.sql`select max(seq)::int as m from audit_log`;
    await tamperLocal((tx) => tx`delete from audit_log where seq = ${m}`);
    v = await verifyAuditChain(local.config.databaseUrl);
    expect(v.problems.some((p) => p.problem === 'missing_after')).toBe(true);

    // Removing the oldest rows without a retention checkpoint is caught at the start.
    await tamperLocal((tx) => tx`delete from audit_log where seq <= 2`);
    v = await verifyAuditChain(local.config.databaseUrl);
    expect(v.problems[0]).toMatchObject({ problem: 'bad_start' });
  });

  it('links concurrent writers into one gap-free chain', async () => {
    const before = (await local.resources.database.sql`select seq::int as s from audit_chain_head`)[0]!.s;
    await Promise.all(Array.from({ length: 40 }, (_, i) => local.resources.database.sql`insert into audit_log (actor_name, actor_role, action, subject_type, subject_id, fields, reason) values ('c', 'staff', 'x', 'seeker', ${'c' + i}, '{}', 'c')`));
    const seqs = (await local.resources.database.sql`select seq::int as s from audit_log where seq > ${before} order by seq`).map((r) => r.s);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => before + 1 + i));
  });
});
