import { z } from 'zod';

/** What a subscriber may consent to (issue 6): each category gates its own kind of DM job. */
export const ConsentCategory = z.enum(['read-diagnostics', 'change-settings', 'install-software', 'update-firmware']);
export type ConsentCategory = z.infer<typeof ConsentCategory>;

/**
 * `granted`: permanently or until `until`; `revoked`: the subscriber said no, jobs of the
 * category are not sent (nor asked); `not-asked`: no decision (or a grant that expired),
 * so a job of the category asks on the handset first (DM user-interaction alert 1101).
 */
export const ConsentState = z.enum(['granted', 'revoked', 'not-asked']);
export type ConsentState = z.infer<typeof ConsentState>;
