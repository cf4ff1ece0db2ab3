/** The bulk-import module's surface (the CLI importer uses the same path as the upload). It owns `imports` and `import_rows`. */
export { createImport, runImport, type ImportProgress } from './imports.service.js';
export { importJob } from './imports.jobs.js';
