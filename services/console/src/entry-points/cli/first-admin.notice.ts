/** The block printed once, on the start that created the first operator admin. */
export function firstAdminNotice(url: string, admin: { username: string; password: string }): string {
  return [
    '',
    `  Console         ${url}/`,
    `  First admin     user ${admin.username}, password ${admin.password}`,
    '                  (shown only this once: sign in and create named users, then disable it)',
    '',
  ].join('\n');
}
