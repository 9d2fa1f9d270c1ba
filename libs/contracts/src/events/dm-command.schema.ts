import { z } from 'zod';

/**
 * The DM commands a service may ask the gateway to run on a handset (OMA DM 1.2
 * Representation Protocol, 6.6). Atomic and Sequence are containers: they carry
 * `children` and no target; every other verb addresses one node URI.
 */
export const DmCommandVerb = z.enum(['Get', 'Replace', 'Add', 'Delete', 'Exec', 'Copy', 'Atomic', 'Sequence']);
export type DmCommandVerb = z.infer<typeof DmCommandVerb>;

/** Meta/Format values of OMA DM 1.2 (TNDS and RepPro 7.1): how `data` is to be read. */
export const DmFormat = z.enum(['chr', 'int', 'bool', 'bin', 'b64', 'node', 'null', 'xml', 'date', 'time', 'float']);
export type DmFormat = z.infer<typeof DmFormat>;

const ContainerVerbs: ReadonlySet<DmCommandVerb> = new Set(['Atomic', 'Sequence']);
// RepPro 6.6.2: an Atomic may not contain Get (its result could not be rolled back) nor another Atomic.
const NotInsideAtomic: ReadonlySet<DmCommandVerb> = new Set(['Get', 'Atomic']);

export interface DmCommand {
  verb: DmCommandVerb;
  /** Target LocURI, e.g. `./DevDetail/FwV`; absent for Atomic and Sequence. */
  target?: string;
  /** Source LocURI; only Copy uses it. */
  source?: string;
  data?: string;
  format?: DmFormat;
  /** MIME type of `data`, e.g. `text/plain`, `application/vnd.wap.connectivity-wbxml`. */
  type?: string;
  children?: DmCommand[];
}

export const DmCommand: z.ZodType<DmCommand> = z
  .object({
    verb: DmCommandVerb,
    target: z.string().min(1).max(1024).optional(),
    source: z.string().min(1).max(1024).optional(),
    data: z.string().max(1_000_000).optional(),
    format: DmFormat.optional(),
    type: z.string().min(1).max(200).optional(),
    get children() {
      return z.array(DmCommand).min(1).max(500).optional();
    },
  })
  .superRefine((cmd, ctx) => {
    const container = ContainerVerbs.has(cmd.verb);
    if (container && !cmd.children) ctx.addIssue({ code: 'custom', message: `${cmd.verb} needs children`, path: ['children'] });
    if (container && cmd.target) ctx.addIssue({ code: 'custom', message: `${cmd.verb} has no target`, path: ['target'] });
    if (!container && !cmd.target) ctx.addIssue({ code: 'custom', message: `${cmd.verb} needs a target`, path: ['target'] });
    if (!container && cmd.children) ctx.addIssue({ code: 'custom', message: `${cmd.verb} cannot have children`, path: ['children'] });
    if (cmd.verb === 'Copy' && !cmd.source) ctx.addIssue({ code: 'custom', message: 'Copy needs a source', path: ['source'] });
    if (cmd.verb === 'Atomic') {
      cmd.children?.forEach((child, i) => {
        if (NotInsideAtomic.has(child.verb)) {
          ctx.addIssue({ code: 'custom', message: `Atomic cannot contain ${child.verb}`, path: ['children', i, 'verb'] });
        }
      });
    }
  });

/**
 * User-interaction alerts shown before the commands run (RepPro 6.6.1, alert codes 1100-1104):
 * display, confirm or reject, text input, single choice, multiple choice.
 */
export const UserInteractionCode = {
  DISPLAY: 1100,
  CONFIRM_OR_REJECT: 1101,
  TEXT_INPUT: 1102,
  SINGLE_CHOICE: 1103,
  MULTIPLE_CHOICE: 1104,
} as const;

export const UserInteraction = z
  .object({
    code: z.union([z.literal(1100), z.literal(1101), z.literal(1102), z.literal(1103), z.literal(1104)]),
    text: z.string().min(1).max(1000),
    /** MINDT / MAXDT options of the alert, in seconds. */
    minDisplaySeconds: z.number().int().min(0).max(3600).optional(),
    maxDisplaySeconds: z.number().int().min(0).max(3600).optional(),
    /** DR option: the default response. */
    defaultResponse: z.string().max(200).optional(),
    /** MAXLEN, IT (input type) and ET (echo type) apply to 1102 only. */
    maxLength: z.number().int().min(1).max(1000).optional(),
    inputType: z.enum(['A', 'N', 'D', 'T', 'P', 'I']).optional(),
    echoType: z.enum(['T', 'P']).optional(),
    choices: z.array(z.string().min(1).max(200)).min(1).max(50).optional(),
  })
  .refine((ui) => (ui.code !== 1103 && ui.code !== 1104) || ui.choices !== undefined, {
    message: 'choice alerts (1103, 1104) need choices',
    path: ['choices'],
  });
export type UserInteraction = z.infer<typeof UserInteraction>;

/** One Item of a Results or Status (RepPro 6.5.8): what the handset returned for a node. */
export const DmResultItem = z.object({
  source: z.string().max(1024).optional(),
  data: z.string().max(1_000_000).optional(),
  format: DmFormat.optional(),
  type: z.string().max(200).optional(),
});
export type DmResultItem = z.infer<typeof DmResultItem>;
