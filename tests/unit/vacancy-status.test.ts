import { describe, expect, it } from 'vitest';
import { canTransitionFair, FAIR_TRANSITIONS } from '../../src/modules/fairs/fairs.service.js';
import {
  canTransitionVacancy,
  defaultExpiry,
  gateDecision,
  screen,
  screeningInput,
  VACANCY_STATUSES,
  VACANCY_TRANSITIONS,
} from '../../src/modules/vacancies/vacancy-status.js';

describe('vacancy transitions', () => {
  it.each([
    ['draft', 'published'],
    ['draft', 'pending_review'],
    ['draft', 'closed'],
    ['pending_review', 'published'],
    ['pending_review', 'rejected'],
    ['published', 'closed'],
    ['published', 'filled'],
    ['published', 'expired'],
    ['closed', 'published'],
    ['expired', 'published'],
    ['rejected', 'draft'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canTransitionVacancy(from, to)).toBe(true);
  });

  it.each([
    ['draft', 'filled'],
    ['draft', 'rejected'],
    ['published', 'draft'],
    ['published', 'pending_review'],
    ['filled', 'published'],
    ['rejected', 'published'],
    ['closed', 'filled'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(canTransitionVacancy(from, to)).toBe(false);
  });

  it('filled is final and every status has an entry', () => {
    expect(VACANCY_TRANSITIONS.filled).toEqual([]);
    for (const s of VACANCY_STATUSES) expect(VACANCY_TRANSITIONS[s]).toBeDefined();
  });
});

describe('fair transitions', () => {
  it('planned → open → closed, cancel before closing, nothing leaves closed or cancelled', () => {
    expect(canTransitionFair('planned', 'open')).toBe(true);
    expect(canTransitionFair('open', 'closed')).toBe(true);
    expect(canTransitionFair('planned', 'cancelled')).toBe(true);
    expect(canTransitionFair('open', 'cancelled')).toBe(true);
    expect(canTransitionFair('planned', 'closed')).toBe(false);
    expect(canTransitionFair('closed', 'cancelled')).toBe(false);
    expect(FAIR_TRANSITIONS.cancelled).toEqual([]);
  });
});

describe('publish gate', () => {
  it('block refuses, review holds, pass publishes (or holds when review was asked for)', () => {
    expect(gateDecision('block', 'published')).toBe('blocked');
    expect(gateDecision('review', 'published')).toBe('pending_review');
    expect(gateDecision('pass', 'published')).toBe('published');
    expect(gateDecision('pass', 'pending_review')).toBe('pending_review');
  });

  it('男女不限 passes; 限女性 blocks; a cited legal basis justifies a sex restriction for underground mining, for review', () => {
    expect(screen({ title: '前台', requirements: '男女不限' }).summary.outcome).toBe('pass');
    expect(screen({ title: '前台', requirements: '限女性' }).summary.outcome).toBe('block');
    const justified = screen({ title: '矿井下采掘工', requirements: '限男性', occupationSystem: 'cn2022', occupationCode: '6-16-01-05', justifications: [{ category: 'sex', basisCode: 'CN-FEMALE-PROTECT' }] });
    // Issue 18: a justified finding goes to staff review, never straight to published.
    expect(justified.summary.outcome).toBe('review');
    expect(justified.findings[0]).toMatchObject({ status: 'justified' });
  });

  it('passes structured wage fields to the engine (a wage below the minimum is reported)', () => {
    expect(screeningInput({ title: 'x', wageMin: 100, wageMax: null }).fields).toEqual({ wageMin: 100 });
    const s = screen({ title: '普工', wageMin: 1000, wageUnit: 'month' });
    expect(s.findings.some((f) => f.ruleId === 'wage.below_minimum')).toBe(true);
  });
});

describe('default expiry', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('is now + 30 days unless the vacancy names a future expiry', () => {
    expect(defaultExpiry(now, null).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(defaultExpiry(now, new Date('2025-12-01T00:00:00Z')).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(defaultExpiry(now, new Date('2026-02-15T00:00:00Z')).toISOString()).toBe('2026-02-15T00:00:00.000Z');
  });
});
