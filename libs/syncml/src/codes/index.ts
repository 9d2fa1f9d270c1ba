export * from './status.codes';
export * from './alert.codes';
export * from './public-id.codes';
export type { CodeEntry } from './code-table';
