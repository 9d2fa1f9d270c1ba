/** Process exit codes of a DMS service. 78 is EX_CONFIG from sysexits.h, which supervisors recognise as "fix the config, do not restart-loop". */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_CONFIG = 78;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILURE | typeof EXIT_CONFIG;
