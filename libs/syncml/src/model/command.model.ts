import type { ElementNode } from '../tree/element';
import type { Chal, Cred, Item, Location } from './item.model';
import type { MetInf } from './metinf.model';

/**
 * Every SyncBody command of SyncML RepPro 1.1/1.2 as one union on `kind` (= element name),
 * so a handler switch over `kind` is exhaustive (STYLE.md 11). Ids (CmdID, MsgRef, CmdRef)
 * are strings as in the DTD (#PCDATA); codes (Status Data, Alert Data) are numbers.
 */
export type Command =
  | ItemCommand
  | AlertCommand
  | AtomicCommand
  | SequenceCommand
  | MapCommand
  | ResultsCommand
  | StatusCommand
  | SyncCommand
  | GenericCommand;

export type ItemCommandKind = 'Add' | 'Copy' | 'Delete' | 'Exec' | 'Get' | 'Move' | 'Put' | 'Replace';

interface CommandBase {
  readonly cmdId: string;
  readonly noResp?: boolean;
}

/** Add, Copy, Delete, Exec, Get, Move, Put, Replace: CmdID, NoResp?, Cred?, Meta?, Item+. */
export interface ItemCommand extends CommandBase {
  readonly kind: ItemCommandKind;
  readonly cred?: Cred;
  readonly meta?: MetInf;
  /** Delete only (DS): archive the item / soft delete. */
  readonly archive?: boolean;
  readonly sftDel?: boolean;
  /** Get/Put only. */
  readonly lang?: string;
  /** Exec only (DM 1.2): echoed by the Generic Alert that reports the result. */
  readonly correlator?: string;
  readonly items: readonly Item[];
}

export interface AlertCommand extends CommandBase {
  readonly kind: 'Alert';
  readonly cred?: Cred;
  /** Alert code (AlertCodes); absent only in broken messages the mapping refuses. */
  readonly data: number;
  readonly correlator?: string;
  readonly items: readonly Item[];
}

/** Atomic and Sequence: nested commands executed all-or-nothing / in order. */
export interface AtomicCommand extends CommandBase {
  readonly kind: 'Atomic';
  readonly meta?: MetInf;
  readonly commands: readonly Command[];
}

export interface SequenceCommand extends CommandBase {
  readonly kind: 'Sequence';
  readonly meta?: MetInf;
  readonly commands: readonly Command[];
}

export interface MapItem {
  readonly target: Location;
  readonly source: Location;
}

export interface MapCommand extends CommandBase {
  readonly kind: 'Map';
  readonly target: Location;
  readonly source: Location;
  readonly cred?: Cred;
  readonly meta?: MetInf;
  readonly mapItems: readonly MapItem[];
}

export interface ResultsCommand extends CommandBase {
  readonly kind: 'Results';
  readonly msgRef?: string;
  readonly cmdRef: string;
  readonly meta?: MetInf;
  readonly targetRefs: readonly string[];
  readonly sourceRefs: readonly string[];
  readonly items: readonly Item[];
}

export interface StatusCommand extends CommandBase {
  readonly kind: 'Status';
  readonly msgRef: string;
  readonly cmdRef: string;
  /** Element name of the command answered, or `SyncHdr`. */
  readonly cmd: string;
  readonly targetRefs: readonly string[];
  readonly sourceRefs: readonly string[];
  readonly cred?: Cred;
  readonly chal?: Chal;
  /** Status code (StatusCodes). */
  readonly data: number;
  readonly items: readonly Item[];
}

export interface SyncCommand extends CommandBase {
  readonly kind: 'Sync';
  readonly cred?: Cred;
  readonly target?: Location;
  readonly source?: Location;
  readonly meta?: MetInf;
  readonly numberOfChanges?: number;
  readonly commands: readonly Command[];
}

/**
 * Search (rare, SyncML 1.1) and any element we do not know in a SyncBody, kept whole so
 * a gateway can still answer it with a Status (406/400) that names its CmdID.
 */
export interface GenericCommand {
  readonly kind: 'Search' | 'Unknown';
  readonly cmdId?: string;
  readonly element: ElementNode;
}

/** The element names of the commands the model types. */
export const commandKinds = [
  'Add',
  'Alert',
  'Atomic',
  'Copy',
  'Delete',
  'Exec',
  'Get',
  'Map',
  'Move',
  'Put',
  'Replace',
  'Results',
  'Search',
  'Sequence',
  'Status',
  'Sync',
] as const;
