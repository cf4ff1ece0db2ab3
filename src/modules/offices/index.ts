/** The offices module's surface: the office tree and the district list. It owns `offices` and `districts`. */
export { assertDistrictExists, assertOfficeExists, resolveDistrictCode, getDistrict, getOffice, isUniqueViolation, type OfficeLevel } from './offices.service.js';
