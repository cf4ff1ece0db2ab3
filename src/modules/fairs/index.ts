/** The fairs module's surface. It owns `fairs` and `fair_booths`. */
export { fairResultRows, findFair, type FairRow } from './fairs.repository.js';
export { getFair } from './fairs.service.js';
