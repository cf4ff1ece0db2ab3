import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { go } from './workbench-helpers.js';

/** Screenshots of every page in both languages, looked at for the issue 19 note. */
export const SCREENS = process.env.SCREENS_DIR ?? join(process.cwd(), 'artifacts', 'screens19');

/**
 * Page objects for the workbench: each names what a person does on a page (choose a person,
 * add a booth, close a vacancy), so the journeys read as the day at the counter and the
 * selectors live in one place.
 */
export class Workbench {
  constructor(readonly page: Page) {}

  go(hash: string) {
    return go(this.page, hash);
  }

  async lang(): Promise<'zh' | 'en'> {
    return (await this.page.getAttribute('html', 'lang')) === 'en' ? 'en' : 'zh';
  }

  /** Switches zh ⇄ en and waits for the view to render again. */
  async switchLang() {
    const to = (await this.lang()) === 'zh' ? 'en' : 'zh-CN';
    await this.page.click('#btn-lang');
    await this.page.waitForSelector(`html[lang="${to}"] body[data-ready="true"]`);
  }

  /** A full-page screenshot in Chinese and in English (the page is left in Chinese). */
  async shotBoth(name: string, settle?: () => Promise<unknown>) {
    mkdirSync(SCREENS, { recursive: true });
    if ((await this.lang()) === 'en') await this.switchLang();
    await settle?.();
    await this.page.waitForTimeout(300);
    await this.page.screenshot({ path: join(SCREENS, `${name}-zh.png`), fullPage: true });
    await this.switchLang();
    await settle?.();
    await this.page.waitForTimeout(300);
    await this.page.screenshot({ path: join(SCREENS, `${name}-en.png`), fullPage: true });
    await this.switchLang();
    await settle?.();
  }

  /** Chooses a record in a picker by typing part of its name and clicking the match that shows `label`. */
  async pick(fieldId: string, query: string, label = query) {
    await this.page.fill(`#${fieldId}-q`, '');
    await this.page.fill(`#${fieldId}-q`, query);
    const option = this.page.locator(`[data-picker="${fieldId}"] .pick`, { hasText: label }).first();
    await option.waitFor({ timeout: 15_000 });
    await option.click();
    await this.page.waitForSelector(`[data-picker="${fieldId}"][data-chosen]:not([data-chosen=""])`);
  }

  /** The text of the whole main area (for "no English on a Chinese page" and "no ids" checks). */
  mainText() {
    return this.page.textContent('main').then((t) => t ?? '');
  }

  /** Clicks an export button and returns the download (the file the browser saved). */
  async exportFile(list: string, format: 'xlsx' | 'csv'): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 20_000 }), this.page.click(`[data-export="${list}"] .export-${format}`)]);
    return download;
  }
}

export class FindPage extends Workbench {
  async search(q: string) {
    await this.go('#/find');
    await this.page.fill('#find-q', q);
    await this.page.press('#find-q', 'Enter');
    await this.page.waitForSelector('#find-results[data-count]');
    return Number(await this.page.getAttribute('#find-results', 'data-count'));
  }
  async openFirst() {
    await this.page.click('#find-table .record-link');
    await this.page.waitForSelector('body[data-ready="true"] #record-title');
  }
}

export class RegisterPage extends Workbench {
  async open() {
    await this.go('#/seekers/new');
  }
  async fill(x: { name: string; nationalId: string; phone?: string; skills?: string; unemployedSince?: string; availableFrom?: string; kind?: 'job_seeking' | 'unemployment' }) {
    await this.page.fill('#seeker-name', x.name);
    await this.page.fill('#seeker-nationalId', x.nationalId);
    if (x.kind) await this.page.selectOption('#seeker-registrationKind', x.kind);
    if (x.phone) await this.page.fill('#seeker-phone', x.phone);
    if (x.skills) await this.page.fill('#seeker-skills', x.skills);
    if (x.unemployedSince) await this.page.fill('#seeker-unemployedSince', x.unemployedSince);
    if (x.availableFrom) await this.page.fill('#seeker-availableFrom', x.availableFrom);
  }
  async consent() {
    await this.page.check('#seeker-consentSearchable');
    await this.page.check('#seeker-consentContactViaReferral');
  }
  async tickGroup(value: string, on = true) {
    if (on) await this.page.check(`#seeker-priorityGroups-${value}`);
    else await this.page.uncheck(`#seeker-priorityGroups-${value}`);
  }
  /** Waits for the live check of one group and says whether it is met, with its reasons. */
  async eligibility(value: string) {
    const li = `#eligibility li[data-group="${value}"]`;
    await this.page.waitForSelector(li, { timeout: 15_000 });
    return { eligible: (await this.page.getAttribute(li, 'data-eligible')) === 'true', text: (await this.page.textContent(li)) ?? '' };
  }
  async desiredOccupation(q: string) {
    await this.pick('seeker-desiredOccupation', q, '');
  }
  async submit() {
    await this.page.click('#seeker button[type="submit"]');
  }
  /** Registers and returns the new record's id (from the page's link, never typed). */
  async registered(): Promise<string> {
    await this.page.waitForSelector('#registered', { timeout: 10_000 }).catch(async (err) => {
      throw new Error(`${err.message}: ${await this.page.textContent('main')}`);
    });
    return (await this.page.getAttribute('#registered', 'data-id'))!;
  }
}

export class ReferralsPage extends Workbench {
  /** A referral made by choosing the person and the vacancy by name. */
  async refer(seeker: string | null, vacancyTitle: string): Promise<string> {
    if (seeker) await this.pick('referral-new-seekerId', seeker);
    await this.pick('referral-new-vacancyId', vacancyTitle);
    await this.page.click('#referral-new button[type="submit"]');
    await this.page.waitForSelector('#referral-new[data-referral]', { timeout: 10_000 }).catch(async (e) => {
      throw new Error(`${e.message}: ${await this.page.textContent('#referral-new')}`);
    });
    return (await this.page.getAttribute('#referral-new', 'data-referral'))!;
  }
  row(referralId: string) {
    return `tr[data-id="${referralId}"]`;
  }
  /** Records the hire; the contract start is left as the page filled it unless given. */
  async hire(referralId: string, x: { wage: number; months?: number; start?: string }) {
    const row = this.row(referralId);
    await this.page.selectOption(`${row} select[name="outcome"]`, 'hired');
    if (x.start) await this.page.fill(`${row} input[name="contractStart"]`, x.start);
    await this.page.fill(`${row} input[name="contractMonths"]`, String(x.months ?? 12));
    await this.page.fill(`${row} input[name="monthlyWage"]`, String(x.wage));
    await this.page.click(`${row} button[type="submit"]`);
  }
}

export class FairPage extends Workbench {
  async open(fairId: string) {
    await this.go(`#/fairs/${fairId}`);
    await this.page.waitForSelector('#fair-stats .stat');
  }
  stat(key: string) {
    return this.page.textContent(`#fair-stats [data-stat="${key}"] b`);
  }
  async waitStat(key: string, value: string) {
    await this.page.waitForFunction(([k, v]) => document.querySelector(`#fair-stats [data-stat="${k}"] b`)?.textContent === v, [key, value] as const, { timeout: 15_000 });
  }
  async addBooth(employer: string, boothNo: string) {
    await this.pick('booth-new-employerId', employer);
    await this.page.fill('#booth-new-boothNo', boothNo);
    await this.page.click('#booth-new button[type="submit"]');
    await this.page.waitForSelector('#booth-new .form-ok:not(:empty)');
  }
  boothRow(boothNo: string) {
    return this.page.locator('#table-booths tbody tr', { has: this.page.locator('td:first-child', { hasText: new RegExp(`^${boothNo}$`) }) });
  }
  /** Moves a booth (new number) and/or records intentions reached, from the booth's row. */
  async editBooth(boothNo: string, x: { moveTo?: string; intentions?: number }) {
    const row = this.boothRow(boothNo);
    if (x.moveTo) await row.locator('input[name="boothNo"]').fill(x.moveTo);
    if (x.intentions !== undefined) await row.locator('input[name="intentionsReached"]').fill(String(x.intentions));
    await row.locator('button.save-booth').click();
    await this.boothRow(x.moveTo ?? boothNo).waitFor();
  }
  async setStatus(to: 'open' | 'closed' | 'cancelled') {
    await this.page.click(`#fair-lifecycle button[data-to="${to}"]`);
    await this.page.waitForSelector(`#fair-title[data-status="${to}"]`);
  }
  async attendance(n: number) {
    await this.page.fill('#fair-attendance-form-attendance', String(n));
    await this.page.click('#fair-attendance-form button[type="submit"]');
    await this.waitStat('attendance', String(n));
  }
  async upload(name: string, buffer: Buffer, mimeType: string) {
    await this.page.setInputFiles('#import-file', { name, mimeType, buffer });
    await this.page.waitForSelector('#import-status[data-status="completed"], #import-status[data-status="failed"], #import-errors .notice', { timeout: 30_000 });
  }
  errorRows() {
    return this.page.$$eval('#import-error-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  }
  count(k: 'inserted' | 'updated' | 'unchanged' | 'failed') {
    return this.page.textContent(`[data-count="${k}"] b`);
  }
}

export class VacanciesPage extends Workbench {
  row(id: string) {
    return `tr[data-id="${id}"]`;
  }
  async lifecycle(id: string, action: 'closeVacancy' | 'reopen' | 'markFilled' | 'publish', expect: string) {
    await this.page.click(`${this.row(id)} .lifecycle button.${action}`);
    await this.page.waitForSelector(`${this.row(id)}[data-status="${expect}"]`, { timeout: 10_000 });
  }
}

export class CandidatesPage extends Workbench {
  async open(vacancyId: string) {
    await this.go(`#/vacancies/${vacancyId}/candidates`);
    await this.page.waitForSelector('#candidates-info[data-pool]', { timeout: 15_000 });
  }
  async counts() {
    return {
      pool: Number(await this.page.getAttribute('#candidates-info', 'data-pool')),
      listed: Number(await this.page.getAttribute('#candidates-info', 'data-total')),
      rows: await this.page.$$eval('#candidates tr.candidate', (r) => r.length),
    };
  }
  async requestReferral(seekerId: string) {
    const row = `.candidate[data-seeker="${seekerId}"]`;
    await this.page.click(`${row} button.request-referral`);
    await this.page.waitForSelector(`${row} .ok-text[data-id]`, { timeout: 10_000 }).catch(async (e) => {
      throw new Error(`${e.message}: ${await this.page.textContent(row)}`);
    });
  }
}
