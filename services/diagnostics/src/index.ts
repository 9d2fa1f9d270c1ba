export { createDiagnostics, defaultDiagnosticsSettings, DIAGNOSTICS_SOURCE } from './diagnostics';
export type { Diagnostics, DiagnosticsDependencies, DiagnosticsSettings } from './diagnostics';
export { diagnosticsConfig, type DiagnosticsConfig } from './config';
export type { NotAskedPolicy } from './domain/diagnostic-run.service';
