/** The saved-searches module's surface. It owns `saved_searches` and `search_alerts`. */
export { forgetSeekerInAlerts } from './saved-searches.service.js';
export { runSavedSearchAlerts } from './saved-searches.service.js';
