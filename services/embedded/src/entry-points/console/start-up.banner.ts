export interface AdminTokenOrigin {
  /** env: from DMS_ADMIN_TOKEN; created: generated now (shown once); stored: read from the file. */
  readonly kind: 'env' | 'created' | 'stored';
  readonly value: string;
  readonly file?: string;
}

export interface BannerFacts {
  readonly url: string;
  readonly dataDir: string;
  readonly services: readonly string[];
  /** The DM endpoint's path when dm-gateway runs (handsets use <url><dmPath>). */
  readonly dmPath: string | undefined;
  readonly adminToken: AdminTokenOrigin;
  /** The first console operator admin, on the start that created it (shown once); null later. */
  readonly consoleAdmin?: { readonly username: string; readonly password: string } | null;
}

/**
 * The friendly block printed once the port is open: where everything is and how to stop.
 * The admin token's value appears only on the start that generated it.
 */
export function formatStartUpBanner(facts: BannerFacts): string {
  const { url } = facts;
  const lines = [
    '',
    `DMS is running: ${facts.services.join(', ')} in one process (embedded mode, nothing else to install)`,
    '',
    `  Console         ${url}/   (web console: sign in as an operator admin)`,
    ...consoleAdminLines(facts.consoleAdmin),
    `  REST API        ${url}/api/v1/...   (Authorization: Bearer <admin token>)`,
    `    HLR feed      POST ${url}/api/v1/hlr/observations`,
    `    Subscribers   GET  ${url}/api/v1/subscribers/{msisdn}`,
    `    OpenAPI       ${url}/api/v1/subscriber-terminal/openapi.json`,
    ...(facts.dmPath === undefined
      ? []
      : [`  Handsets        ${url}${facts.dmPath}   (OMA DM 1.2 server URL)`]),
    ...(facts.dmPath === undefined
      ? []
      : [
          `    DM accounts   POST ${url}/api/v1/dm-accounts,  jobs: POST ${url}/api/v1/devices/{deviceId}/jobs`,
        ]),
    `  Health          ${url}/healthz   ${url}/readyz`,
    `  Metrics         ${url}/metrics`,
    `  Data            ${facts.dataDir}   (kept across restarts)`,
    ...tokenLines(facts.adminToken),
    '  Stop            Ctrl-C (or SIGTERM): finishes in-flight work, then exits',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function tokenLines(token: AdminTokenOrigin): string[] {
  switch (token.kind) {
    case 'env':
      return ['  Admin token     from DMS_ADMIN_TOKEN'];
    case 'created':
      return [
        `  Admin token     ${token.value}`,
        `                  (new: shown only this once, saved in ${token.file ?? '?'})`,
      ];
    case 'stored':
      return [`  Admin token     in ${token.file ?? '?'}   (e.g. TOKEN=$(cat ${token.file ?? '?'}))`];
  }
}

function consoleAdminLines(admin: BannerFacts['consoleAdmin']): string[] {
  if (admin === undefined || admin === null) return [];
  return [
    `    First admin   user ${admin.username}, password ${admin.password}`,
    '                  (new: shown only this once; only its hash is kept, in console.sqlite)',
  ];
}
