export { default as privacyRoutes } from './privacy.routes.js';
export { anonymiseSeeker, applyConsentState, applyRetention, exportSeekerData } from './privacy.service.js';
export { changeConsent, consentDiff, consentState, recordConsentChanges, resolveSensitiveBasis, anonymisedError, PRIVACY_NOTICE_VERSION } from './consent.js';
