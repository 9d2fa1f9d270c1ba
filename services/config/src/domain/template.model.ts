import { OpaqueId } from '@dms/contracts';
import { z } from 'zod';

/** The DM tree layouts config can render (libs/device-sim/README.md "Families and tree paths"). */
export const TemplateFamily = z.enum(['oma-standard', 'vendor-x']);
export type TemplateFamily = z.infer<typeof TemplateFamily>;

const Pattern = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => {
    try {
      new RegExp(p, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

/**
 * Which handsets a template serves, from the terminal catalog: every rule given must hold
 * (regexes are case-insensitive and anchored by whoever writes them); at least one rule.
 */
export const MatchRules = z
  .object({
    manufacturer: Pattern.optional(),
    model: Pattern.optional(),
    tacs: z.array(z.string().regex(/^\d{8}$/)).max(10_000).optional(),
  })
  .strict()
  .refine((m) => m.manufacturer !== undefined || m.model !== undefined || (m.tacs?.length ?? 0) > 0, {
    message: 'give at least one of manufacturer, model, tacs',
  });
export type MatchRules = z.infer<typeof MatchRules>;

export const TemplateBody = z
  .object({
    family: TemplateFamily,
    description: z.string().max(500).optional(),
    match: MatchRules,
    /** Higher wins when several templates match. */
    priority: z.number().int().min(0).max(1000).default(100),
    /** The profile this template pushes; default: the service's default profile. */
    profileId: OpaqueId.optional(),
  })
  .strict();
export type TemplateBody = z.infer<typeof TemplateBody>;

export interface DeviceTemplate extends TemplateBody {
  readonly id: string;
  readonly updatedAt: string;
}

/** What is known of a handset's model (report, catalog, IMEI). */
export interface HandsetModel {
  readonly manufacturer?: string | undefined;
  readonly model?: string | undefined;
  readonly tac?: string | undefined;
}

export function matches(template: Pick<DeviceTemplate, 'match'>, handset: HandsetModel): boolean {
  const { manufacturer, model, tacs } = template.match;
  if (manufacturer !== undefined && !new RegExp(manufacturer, 'i').test(handset.manufacturer ?? '')) return false;
  if (model !== undefined && !new RegExp(model, 'i').test(handset.model ?? '')) return false;
  if (tacs !== undefined && tacs.length > 0 && (handset.tac === undefined || !tacs.includes(handset.tac))) return false;
  return true;
}

/** The best template for a handset: highest priority, then id order (stable across instances). */
export function chooseTemplate(templates: readonly DeviceTemplate[], handset: HandsetModel): DeviceTemplate | undefined {
  return [...templates]
    .filter((t) => matches(t, handset))
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id))[0];
}

/** Shipped on first start so the simulated families (and handsets like them) are served out of the box. */
export const defaultTemplates: readonly (TemplateBody & { id: string })[] = [
  {
    id: 'oma-standard',
    family: 'oma-standard',
    description: 'ConnMO-style dynamic NAP/Proxy/MMS/Bookmarks instances (Add in Atomic)',
    match: { manufacturer: '^Acme\\b' },
    priority: 100,
  },
  {
    id: 'vendor-x',
    family: 'vendor-x',
    description: 'Fixed vendor slots under ./Vendor/X (Replace only)',
    match: { manufacturer: '^Xphone\\b' },
    priority: 100,
  },
];
