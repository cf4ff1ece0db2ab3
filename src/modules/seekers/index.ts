/** The job-seekers module's surface. It owns `seekers` (all personal data) and its consent columns. */
export { findSeeker, listMaskedSeekers, getSeekerOrThrow, markSeekerPlaced, hashNationalId, normaliseNationalId, type SeekerActor } from './seekers.service.js';
export { ReadReasonQuery } from './seekers.schemas.js';
