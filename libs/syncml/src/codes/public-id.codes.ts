/**
 * DOCTYPE formal public identifiers of the SyncML family (SyncML RepPro 1.1/1.2, DevInf,
 * DM DDF). DM 1.2 uses the SyncML 1.2 DTD; VerProto (`DM/1.2` vs `SyncML/1.2`) tells DM
 * and DS apart.
 */
export const PublicIds = {
  syncml10: '-//SYNCML//DTD SyncML 1.0//EN',
  syncml11: '-//SYNCML//DTD SyncML 1.1//EN',
  syncml12: '-//SYNCML//DTD SyncML 1.2//EN',
  devinf11: '-//SYNCML//DTD DevInf 1.1//EN',
  devinf12: '-//SYNCML//DTD DevInf 1.2//EN',
  metinf12: '-//SYNCML//DTD MetInf 1.2//EN',
  dmddf12: '-//OMA//DTD-DM-DDF 1.2//EN',
} as const;

export type PublicId = (typeof PublicIds)[keyof typeof PublicIds];

/** The DTD system identifiers SyncEvolution and libsynthesis write next to the public ids. */
export const SystemIds: Readonly<Partial<Record<PublicId, string>>> = {
  [PublicIds.syncml12]: 'http://www.openmobilealliance.org/tech/DTD/OMA-TS-SyncML_RepPro_DTD-V1_2.dtd',
  [PublicIds.syncml11]: 'http://www.syncml.org/docs/syncml_represent_v11_20020213.dtd',
};
