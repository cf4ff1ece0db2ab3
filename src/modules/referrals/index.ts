/** The referrals module's surface. It owns `referrals` and `placements`. */
export { createReferral, toReferralDto } from './referrals.service.js';
export { listPlacements, listReferrals, placementsForSeeker, referralRowsForList, referralsForSeeker } from './referrals.repository.js';
export { Referral, OUTCOMES, TRANSITIONS, type ReferralDto } from './referrals.schemas.js';
