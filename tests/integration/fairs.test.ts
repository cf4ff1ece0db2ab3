import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers/test-app.js';
import { buildWorld, WHO, type World } from '../helpers/records.js';

let ctx: TestContext;
let w: World;
const sql = () => ctx.resources.database.sql;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
});
afterAll(() => ctx.close());

const fairBody = (extra: Record<string, unknown> = {}) => ({
  name: '天河区春风行动专场招聘会',
  kind: 'special_campaign',
  campaign: '春风行动',
  startsAt: '2027-02-20T01:00:00.000Z',
  endsAt: '2027-02-20T05:00:00.000Z',
  venue: '天河区人力资源市场',
  districtCode: '440106',
  ...extra,
});

async function createFair(headers = w.as.organiser, extra: Record<string, unknown> = {}) {
  const res = await ctx.app.inject({ method: 'POST', url: '/fairs', headers, payload: fairBody(extra) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const status = (id: string, to: string, headers = w.as.organiser) =>
  ctx.app.inject({ method: 'POST', url: `/fairs/${id}/status`, headers, payload: { status: to } });

describe('fair lifecycle', () => {
  it('an organiser schedules a fair for their office; it starts planned', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/fairs', headers: w.as.organiser, payload: fairBody() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'planned', officeId: w.offices.tianhe, kind: 'special_campaign', campaign: '春风行动' });
    const rows = await sql()`select status, office_id from fairs where id = ${res.json().id}`;
    expect(rows[0]).toEqual({ status: 'planned', office_id: w.offices.tianhe });
  });

  it('goes planned → open → closed, and refuses closed → open with 409 INVALID_TRANSITION naming from and to', async () => {
    const id = await createFair();
    expect((await status(id, 'open')).json().status).toBe('open');
    expect((await status(id, 'closed')).json().status).toBe('closed');
    const res = await status(id, 'open');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'closed', to: 'open' } });
    expect((await sql()`select status from fairs where id = ${id}`)[0]!.status).toBe('closed');
  });

  it('cancels a planned or open fair but not a closed one; planned cannot jump to closed', async () => {
    const a = await createFair();
    expect((await status(a, 'cancelled')).statusCode).toBe(200);
    const b = await createFair();
    expect((await status(b, 'closed')).statusCode).toBe(409);
    await status(b, 'open');
    expect((await status(b, 'cancelled')).json().status).toBe('cancelled');
    const c = await createFair();
    await status(c, 'open');
    await status(c, 'closed');
    expect((await status(c, 'cancelled')).statusCode).toBe(409);
  });

  it('updates details and records attendance', async () => {
    const id = await createFair();
    const res = await ctx.app.inject({ method: 'PATCH', url: `/fairs/${id}`, headers: w.as.staff, payload: { attendance: 1200, venue: '天河体育中心' } });
    expect(res.statusCode).toBe(200);
    expect((await sql()`select attendance, venue from fairs where id = ${id}`)[0]).toEqual({ attendance: 1200, venue: '天河体育中心' });
  });

  it('refuses an end before the start, an unknown district and an unknown kind', async () => {
    const times = await ctx.app.inject({ method: 'POST', url: '/fairs', headers: w.as.organiser, payload: fairBody({ endsAt: '2027-02-19T00:00:00.000Z' }) });
    expect(times.statusCode).toBe(422);
    expect(times.json().details[0].field).toBe('body.endsAt');
    const district = await ctx.app.inject({ method: 'POST', url: '/fairs', headers: w.as.organiser, payload: fairBody({ districtCode: '000000' }) });
    expect(district.statusCode).toBe(422);
    expect(district.json().details[0].field).toBe('body.districtCode');
    const kind = await ctx.app.inject({ method: 'POST', url: '/fairs', headers: w.as.organiser, payload: fairBody({ kind: 'party' }) });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().details[0].field).toMatch(/^body\.kind/);
  });

  it('deletes a planned fair without vacancies, but a fair with vacancies must be cancelled instead', async () => {
    const empty = await createFair();
    expect((await ctx.app.inject({ method: 'DELETE', url: `/fairs/${empty}`, headers: w.as.organiser })).statusCode).toBe(204);
    expect((await sql()`select count(*)::int as n from fairs where id = ${empty}`)[0]!.n).toBe(0);
    const used = await createFair();
    await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.as.staff, payload: { employerId: w.employers.own, fairId: used, title: '普工' } });
    const res = await ctx.app.inject({ method: 'DELETE', url: `/fairs/${used}`, headers: w.as.organiser });
    expect(res.statusCode).toBe(409);
  });

  it('an organiser of another district reads the fair but may not change it', async () => {
    const id = await createFair();
    expect((await ctx.app.inject({ url: `/fairs/${id}` })).statusCode).toBe(200);
    expect((await status(id, 'open', w.organiserHaizhu)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'POST', url: '/fairs', headers: w.organiserHaizhu, payload: fairBody({ officeId: w.offices.tianhe }) })).statusCode).toBe(403);
    expect((await sql()`select status from fairs where id = ${id}`)[0]!.status).toBe('planned');
  });
});

describe('booths', () => {
  it('adds employers with booth numbers unique per fair and one booth per employer', async () => {
    const id = await createFair();
    const a = await ctx.app.inject({ method: 'POST', url: `/fairs/${id}/booths`, headers: w.as.organiser, payload: { employerId: w.employers.own, boothNo: 'A01' } });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ boothNo: 'A01', employer: { name: '广州天河精密制造有限公司' } });
    const sameNo = await ctx.app.inject({ method: 'POST', url: `/fairs/${id}/booths`, headers: w.as.organiser, payload: { employerId: w.employers.other, boothNo: 'A01' } });
    expect(sameNo.statusCode).toBe(409);
    expect(sameNo.json().details[0].field).toBe('body.boothNo');
    const sameEmployer = await ctx.app.inject({ method: 'POST', url: `/fairs/${id}/booths`, headers: w.as.organiser, payload: { employerId: w.employers.own, boothNo: 'A02' } });
    expect(sameEmployer.statusCode).toBe(409);
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: `/fairs/${id}/booths`,
      headers: w.as.organiser,
      payload: { employerId: '00000000-0000-4000-8000-000000000000', boothNo: 'A09' },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().details[0].field).toBe('body.employerId');
    expect((await sql()`select count(*)::int as n from fair_booths where fair_id = ${id}`)[0]!.n).toBe(1);
  });

  it('records intentions reached after the fair closed, moves and removes booths', async () => {
    const id = await createFair();
    const booth = (await ctx.app.inject({ method: 'POST', url: `/fairs/${id}/booths`, headers: w.as.staff, payload: { employerId: w.employers.own, boothNo: 'B01' } })).json();
    await status(id, 'open');
    await status(id, 'closed');
    const late = await ctx.app.inject({ method: 'POST', url: `/fairs/${id}/booths`, headers: w.as.staff, payload: { employerId: w.employers.other, boothNo: 'B02' } });
    expect(late.statusCode).toBe(409);
    const upd = await ctx.app.inject({ method: 'PATCH', url: `/fairs/${id}/booths/${booth.id}`, headers: w.as.staff, payload: { intentionsReached: 7, boothNo: 'B03' } });
    expect(upd.statusCode).toBe(200);
    expect((await sql()`select intentions_reached, booth_no from fair_booths where id = ${booth.id}`)[0]).toEqual({ intentions_reached: 7, booth_no: 'B03' });
    expect((await ctx.app.inject({ method: 'DELETE', url: `/fairs/${id}/booths/${booth.id}`, headers: w.as.staff })).statusCode).toBe(204);
    expect((await sql()`select count(*)::int as n from fair_booths where id = ${booth.id}`)[0]!.n).toBe(0);
  });
});

describe('public fair reads and statistics', () => {
  it('lists and reads fairs without a key, and never shows employer contact data', async () => {
    const id = await createFair();
    await ctx.app.inject({ method: 'POST', url: `/fairs/${id}/booths`, headers: w.as.organiser, payload: { employerId: w.employers.own, boothNo: 'C01' } });
    const list = await ctx.app.inject({ url: '/fairs?status=planned&kind=special_campaign' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((f: { id: string }) => f.id === id)).toBe(true);
    const one = await ctx.app.inject({ url: `/fairs/${id}` });
    expect(one.statusCode).toBe(200);
    const booths = await ctx.app.inject({ url: `/fairs/${id}/booths` });
    expect(booths.statusCode).toBe(200);
    for (const res of [list, one, booths]) {
      expect(res.body).not.toContain('13800138000');
      expect(res.body).not.toContain('王经理');
      expect(res.body).not.toMatch(/contact/i);
    }
  });

  it('counts employers, booths, vacancies, positions (published headcount), attendance and intentions', async () => {
    const id = await createFair();
    const b1 = (await ctx.app.inject({ method: 'POST', url: `/fairs/${id}/booths`, headers: w.as.organiser, payload: { employerId: w.employers.own, boothNo: 'D01' } })).json();
    await ctx.app.inject({ method: 'POST', url: `/fairs/${id}/booths`, headers: w.as.organiser, payload: { employerId: w.employers.other, boothNo: 'D02' } });
    const mk = async (headcount: number, publish: boolean) => {
      const v = (
        await ctx.app.inject({
          method: 'POST',
          url: '/vacancies',
          headers: w.as.organiser,
          payload: { employerId: w.employers.own, fairId: id, title: '数控车床操作工', headcount, wageMin: 5000, wageMax: 7000 },
        })
      ).json();
      if (publish) {
        const p = await ctx.app.inject({ method: 'POST', url: `/vacancies/${v.id}/status`, headers: w.as.organiser, payload: { status: 'published' } });
        expect(p.json().status).toBe('published');
      }
    };
    await mk(5, true);
    await mk(3, true);
    await mk(10, false);
    await ctx.app.inject({ method: 'PATCH', url: `/fairs/${id}`, headers: w.as.organiser, payload: { attendance: 850 } });
    await ctx.app.inject({ method: 'PATCH', url: `/fairs/${id}/booths/${b1.id}`, headers: w.as.organiser, payload: { intentionsReached: 12 } });
    const res = await ctx.app.inject({ url: `/fairs/${id}/stats` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      fairId: id,
      status: 'planned',
      employers: 2,
      booths: 2,
      vacancies: 3,
      publishedVacancies: 2,
      positions: 8,
      attendance: 850,
      intentions: 12,
    });
  });

  it('reports screening statistics per fair by outcome, status and category', async () => {
    const id = await createFair();
    const post = (title: string, requirements = '') =>
      ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.as.organiser, payload: { employerId: w.employers.own, fairId: id, title, requirements, wageMin: 5000 } });
    await post('仓库管理员');
    await post('前台接待', '限女性，已婚已育优先');
    const res = await ctx.app.inject({ url: `/fairs/${id}/screening-stats`, headers: w.as.staff });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.vacancies).toBe(2);
    expect(s.byOutcome.pass + s.byOutcome.review + s.byOutcome.block).toBe(2);
    expect(s.byOutcome.pass).toBeGreaterThanOrEqual(1);
    expect(s.openFindingsByCategory.sex).toBeGreaterThanOrEqual(1);
    expect(s.byStatus).toEqual({ draft: 2 });
    expect((await ctx.app.inject({ url: `/fairs/${id}/screening-stats` })).statusCode).toBe(401);
  });

  it('an unknown fair is 404 and a malformed id is 400', async () => {
    expect((await ctx.app.inject({ url: '/fairs/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: '/fairs/nope' })).statusCode).toBe(400);
  });
});

describe('role matrix: fairs', () => {
  let fairId: string;
  let boothId: string;
  let boothFairId: string;
  beforeAll(async () => {
    fairId = boothFairId = await createFair(w.as.admin, { officeId: w.offices.tianhe });
    boothId = (await ctx.app.inject({ method: 'POST', url: `/fairs/${fairId}/booths`, headers: w.as.admin, payload: { employerId: w.employers.own, boothNo: 'R01' } })).json().id;
  });
  const pub = { none: 200, admin: 200, staff: 200, organiser: 200, employerOwn: 200, employerOther: 200 };
  const write = { none: 401, admin: 'ok', staff: 'ok', organiser: 'ok', employerOwn: 403, employerOther: 403 };
  let n = 0;
  const cases: Array<{ route: string; expect: Record<string, number | string>; req: () => { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object } }> = [
    { route: 'GET /fairs', expect: pub, req: () => ({ method: 'GET', url: '/fairs' }) },
    { route: 'GET /fairs/:id', expect: pub, req: () => ({ method: 'GET', url: `/fairs/${fairId}` }) },
    { route: 'GET /fairs/:id/booths', expect: pub, req: () => ({ method: 'GET', url: `/fairs/${fairId}/booths` }) },
    { route: 'GET /fairs/:id/stats', expect: pub, req: () => ({ method: 'GET', url: `/fairs/${fairId}/stats` }) },
    {
      route: 'GET /fairs/:id/screening-stats',
      expect: { none: 401, admin: 200, staff: 200, organiser: 200, employerOwn: 403, employerOther: 403 },
      req: () => ({ method: 'GET', url: `/fairs/${fairId}/screening-stats` }),
    },
    { route: 'POST /fairs', expect: write, req: () => ({ method: 'POST', url: '/fairs', payload: fairBody({ officeId: w.offices.tianhe }) }) },
    { route: 'PATCH /fairs/:id', expect: write, req: () => ({ method: 'PATCH', url: `/fairs/${fairId}`, payload: { attendance: ++n } }) },
    {
      route: 'POST /fairs/:id/status (planned → cancelled)',
      expect: write,
      req: () => ({ method: 'POST', url: `/fairs/${fairId}/status`, payload: { status: 'cancelled' } }),
    },
    { route: 'DELETE /fairs/:id', expect: { ...write, admin: 404, staff: 404, organiser: 404 }, req: () => ({ method: 'DELETE', url: '/fairs/00000000-0000-4000-8000-000000000000' }) },
    {
      route: 'POST /fairs/:id/booths',
      expect: write,
      req: () => ({ method: 'POST', url: `/fairs/${fairId}/booths`, payload: { employerId: w.employers.other, boothNo: `R${++n + 10}` } }),
    },
    { route: 'PATCH /fairs/:id/booths/:boothId', expect: write, req: () => ({ method: 'PATCH', url: `/fairs/${boothFairId}/booths/${boothId}`, payload: { intentionsReached: 1 } }) },
    {
      route: 'DELETE /fairs/:id/booths/:boothId',
      expect: { ...write, admin: 404, staff: 404, organiser: 404 },
      req: () => ({ method: 'DELETE', url: `/fairs/${fairId}/booths/00000000-0000-4000-8000-000000000000` }),
    },
  ];
  for (const c of cases) {
    for (const who of WHO) {
      it(`${c.route} as ${who} → ${c.expect[who]}`, async () => {
        // A fresh planned fair for transitions and booth creation, so each case starts from the same state.
        if (c.route.startsWith('POST /fairs/:id/status') || c.route === 'POST /fairs/:id/booths') {
          fairId = await createFair(w.as.admin, { officeId: w.offices.tianhe });
        }
        const res = await ctx.app.inject({ ...c.req(), headers: w.as[who] });
        const want = c.expect[who];
        if (want === 'ok') expect(res.statusCode, res.body).toBeLessThan(300);
        else expect(res.statusCode, res.body).toBe(want);
      });
    }
  }
});
