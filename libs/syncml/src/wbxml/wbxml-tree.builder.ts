import { SyncmlErrorCodes } from '../errors/syncml.error';
import type { ElementNode, TreeNode } from '../tree/element';
import { metaTypeForTree } from './embedded-document';
import type { WbxmlLimits } from './wbxml.limits';
import type { WbxmlReader } from './wbxml.reader';

/** Mutable while its END is pending; handed out as a readonly ElementNode. */
export interface OpenElement {
  kind: 'element';
  name: string;
  ns?: string;
  children: TreeNode[];
  embeddedPublicId?: number | string;
}

interface Frame {
  node: OpenElement;
  /** Effective namespace (own or inherited). */
  ns: string;
  /** Text pieces (STR_I, STR_T, ENTITY) since the last non-text child: one TextNode when flushed. */
  text: string | undefined;
}

/** Shared by a document and the documents embedded in it. */
export interface Budget {
  elements: number;
}

/**
 * Builds the tree as tokens arrive, on an explicit stack (no recursion): depth and element
 * count are checked as elements open, `ns` is set only where it differs from the parent's
 * (as the XML decoder does), adjacent text pieces become one text node.
 */
export class TreeBuilder {
  private readonly stack: Frame[] = [];
  root: ElementNode | undefined;

  constructor(
    private readonly r: WbxmlReader,
    private readonly rootNs: string,
    private readonly lim: WbxmlLimits,
    private readonly budget: Budget,
    private readonly depth0: number,
  ) {}

  get depth(): number {
    return this.stack.length;
  }

  /** Name of the innermost open element, or undefined before the root opens. */
  current(): OpenElement | undefined {
    return this.stack[this.stack.length - 1]?.node;
  }

  /** `ns` undefined: a LITERAL tag, which has no code page and stays in its parent's namespace. */
  open(name: string, ns: string | undefined, hasContent: boolean, at: number): void {
    const r = this.r;
    if (this.stack.length + this.depth0 >= this.lim.maxDepth)
      throw r.error(SyncmlErrorCodes.tooLarge, `elements nested deeper than ${this.lim.maxDepth}`, at);
    if (++this.budget.elements > this.lim.maxElements)
      throw r.error(SyncmlErrorCodes.tooLarge, `more than ${this.lim.maxElements} elements`, at);
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined && this.root !== undefined)
      throw r.error(SyncmlErrorCodes.malformed, 'a second root element', at);
    const effectiveNs = ns ?? parent?.ns ?? this.rootNs;
    const node: OpenElement = { kind: 'element', name, children: [] };
    if (parent === undefined || effectiveNs !== parent.ns) node.ns = effectiveNs;
    if (hasContent) this.stack.push({ node, ns: effectiveNs, text: undefined });
    else this.attach(node, parent);
  }

  close(at: number): void {
    const frame = this.stack.pop();
    if (frame === undefined) throw this.r.error(SyncmlErrorCodes.malformed, 'END with no open element', at);
    flushText(frame);
    this.attach(frame.node, this.stack[this.stack.length - 1]);
  }

  addText(value: string, at: number): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined)
      throw this.r.error(SyncmlErrorCodes.malformed, 'text outside the root element', at);
    if (value !== '') frame.text = frame.text === undefined ? value : frame.text + value;
  }

  /** Opaque bytes or an embedded document's root, in the innermost open element. */
  addChild(node: TreeNode, at: number): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined)
      throw this.r.error(SyncmlErrorCodes.malformed, 'OPAQUE outside the root element', at);
    flushText(frame);
    frame.node.children.push(node);
  }

  private attach(node: OpenElement, parent: Frame | undefined): void {
    // The tree holds the XML form of the DevInf/TNDS media type (embedded-document.ts).
    if (node.name === 'Type' && node.children.length === 1) {
      const only = node.children[0]!;
      if (only.kind === 'text') node.children[0] = { ...only, value: metaTypeForTree(only.value) };
    }
    if (parent === undefined) {
      this.root = node;
      return;
    }
    flushText(parent);
    parent.node.children.push(node);
  }
}

function flushText(frame: Frame): void {
  if (frame.text === undefined) return;
  frame.node.children.push({ kind: 'text', value: frame.text });
  frame.text = undefined;
}
