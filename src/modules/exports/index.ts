export { default as exportsRoutes } from './exports.routes.js';
export { exportList, EXPORT_LISTS, type ExportList } from './exports.service.js';
