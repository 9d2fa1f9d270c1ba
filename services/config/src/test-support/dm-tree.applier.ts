import type { DmCommand, DmCommandResult } from '@dms/contracts';
import { DmTree } from '@dms/device-sim';

/**
 * Runs job commands straight on a device-sim DmTree the way its executor does (Add,
 * Replace, Delete; Atomic all-or-nothing: 507 for the Atomic, 216 for its members), and
 * answers per-command results numbered like the gateway's (`0`, `0.1`).
 */
export function applyToTree(tree: DmTree, commands: readonly DmCommand[], prefix = ''): DmCommandResult[] {
  const results: DmCommandResult[] = [];
  commands.forEach((command, i) => {
    const cmdRef = `${prefix}${i}`;
    if (command.verb === 'Atomic' || command.verb === 'Sequence') {
      const before = tree.snapshot();
      const inner = applyToTree(tree, command.children ?? [], `${cmdRef}.`);
      const failed = inner.some((r) => r.status >= 300);
      if (command.verb === 'Atomic' && failed) {
        tree.restore(before);
        results.push({ cmdRef, verb: command.verb, status: 507, items: [] });
        results.push(...inner.map((r) => ({ ...r, status: r.status >= 300 ? r.status : 216 })));
      } else results.push({ cmdRef, verb: command.verb, status: 200, items: [] }, ...inner);
      return;
    }
    const target = command.target ?? '';
    const spec = {
      format: command.format === 'node' ? ('node' as const) : ((command.format ?? 'chr') as 'chr'),
      value: command.data ?? '',
    };
    const status =
      command.verb === 'Add'
        ? tree.add(target, command.format === 'node' ? { format: 'node' } : spec)
        : command.verb === 'Replace'
          ? tree.replace(target, spec)
          : command.verb === 'Delete'
            ? tree.delete(target)
            : 406;
    results.push({ cmdRef, verb: command.verb, target, status, items: [] });
  });
  return results;
}
