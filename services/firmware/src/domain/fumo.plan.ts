import type { DmCommand } from '@dms/contracts';

/**
 * Where a handset keeps its FUMO instance (management-objects.md 4): `<fumo root>/<x>`.
 * Locations are the device's choice; they are configured per manufacturer
 * (DMS_FW_FUMO_NODES), with a default for the rest.
 */
export interface FumoNodes {
  readonly byManufacturer: Readonly<Record<string, string>>;
  readonly fallback: string;
}

export const DEFAULT_FUMO_NODES: FumoNodes = {
  byManufacturer: { xphone: './Vendor/X/FwUpdate/FwPkg1' },
  fallback: './FUMO/FwPkg1',
};

/** `Acme=./FUMO/FwPkg1,Xphone=./Vendor/X/FwUpdate/FwPkg1` (manufacturer case-insensitive). */
export function parseFumoNodes(text: string, fallback = DEFAULT_FUMO_NODES.fallback): FumoNodes {
  const byManufacturer: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    byManufacturer[part.slice(0, at).trim().toLowerCase()] = part.slice(at + 1).trim();
  }
  return { byManufacturer, fallback };
}

export function fumoInstanceFor(nodes: FumoNodes, manufacturer: string): string {
  return nodes.byManufacturer[manufacturer.trim().toLowerCase()] ?? nodes.fallback;
}

/**
 * DownloadAndUpdate (FUMO 1.0): the package name and version, the URL the handset
 * downloads from, then Exec. The Exec answers 202 at once; the result comes later as a
 * Generic Alert 1226 whose Correlator names the job. The commands are not an Atomic: Exec
 * may not be in one with an asynchronous result, and a half-written PkgURL is harmless.
 */
export function downloadAndUpdate(instance: string, pkg: { name: string; version: string; url: string }): DmCommand[] {
  const chr = (target: string, data: string): DmCommand => ({ verb: 'Replace', target, data, format: 'chr', type: 'text/plain' });
  return [
    chr(`${instance}/PkgName`, pkg.name),
    chr(`${instance}/PkgVersion`, pkg.version),
    chr(`${instance}/DownloadAndUpdate/PkgURL`, pkg.url),
    { verb: 'Exec', target: `${instance}/DownloadAndUpdate` },
  ];
}

/**
 * FUMO result codes (management-objects.md 4): 200 successful; 250-299 successful
 * vendor-specified; everything else a failure (400 client error, 410 corrupted package,
 * 500 and up device/vendor failures).
 */
export function fumoSucceeded(code: number): boolean {
  return code >= 200 && code < 300;
}
