/** The wire contract lives in `src/shared/` so the web app shares it; see there. */
export * from '../../../../shared/customer-import.js';
