// @ts-check
// Times and money as people read them: in the service's time zone (from the server), never ISO strings.
import { state } from './state.js';

/** The service's zone. Set from GET /vocabulary (timeZone) or GET /me when the server names one. */
let zone = 'Asia/Shanghai';
export const setZone = (/** @type {string | undefined | null} */ z) => {
  if (z) zone = z;
};
export const timeZone = () => zone;
const locale = () => (state.lang === 'en' ? 'en-GB' : 'zh-CN');

/** A moment (ISO string) as a date and time in the service's zone. */
export function fmtDate(/** @type {string | null | undefined} */ iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(locale(), { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar date ('YYYY-MM-DD', or the date part of an ISO moment in the zone) as people write it. */
export function fmtDay(/** @type {string | null | undefined} */ d) {
  if (!d) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return new Date(`${d}T00:00:00Z`).toLocaleDateString(locale(), { timeZone: 'UTC', dateStyle: 'medium' });
  return new Date(d).toLocaleDateString(locale(), { timeZone: zone, dateStyle: 'medium' });
}

/** @param {Date} d @returns {Record<string, string>} */
function parts(d) {
  const out = /** @type {Record<string, string>} */ ({});
  for (const p of new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** Today's date in the service's zone, 'YYYY-MM-DD' (the hire form's default contract start). */
export function todayInZone(now = new Date()) {
  const p = parts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A moment as the value of an <input type="datetime-local">, on the service's clock. */
export function toZoneInput(/** @type {Date} */ d) {
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The moment an <input type="datetime-local"> value means on the service's clock, as ISO. */
export function fromZoneInput(/** @type {string} */ v) {
  const asUtc = new Date(`${v}:00Z`);
  const p = parts(asUtc);
  const shown = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
  return new Date(asUtc.getTime() - (shown - asUtc.getTime())).toISOString();
}

/** Whole yuan with thousands separators; a range when min and max differ. */
export function money(/** @type {number | null | undefined} */ min, /** @type {number | null | undefined} */ max) {
  if (min == null && max == null) return '—';
  const n = (/** @type {number} */ x) => Number(x).toLocaleString('en-US');
  return min != null && max != null && min !== max ? `${n(min)}–${n(max)}` : n(/** @type {number} */ (min ?? max));
}
