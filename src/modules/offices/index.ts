/** The offices module's surface: the office tree and the district list. It owns `offices` and `districts`. */
export { assertDistrictExists, assertOfficeExists, getDistrict, getOffice, isUniqueViolation, resolveDistrictCode, type OfficeLevel } from './offices.service.js';
