import type { CtCap, CtCapPropParam, CtCapProperty } from '../model/devinf.model';
import type { ElementNode } from '../tree/element';
import { withoutUndefined } from './metinf.mapping';
import { childElements, hasFlag, optionalInteger, optionalText, requireText, textsOf } from './tree-reader';
import { el, flag, leaf, leaves, optLeaf } from './tree-writer';

const ctCapChildren = new Set(['CTType', 'VerCT', 'FieldLevel', 'Property']);
const propertyChildren = new Set([
  'PropName',
  'DataType',
  'MaxOccur',
  'MaxSize',
  'NoTruncate',
  'ValEnum',
  'DisplayName',
  'PropParam',
]);
const propParamChildren = new Set(['ParamName', 'DataType', 'ValEnum', 'DisplayName']);

/**
 * DevInf 1.2 CTCap (inside a DataStore). Returns undefined for anything outside the 1.2
 * content model (DevInf 1.1's flat CTCap, vendor elements): the caller keeps that as an
 * untyped element so no capability is lost. Children are accepted in any order (the
 * SyncEvolution client writes ValEnum before MaxOccur, against the DTD).
 */
export function readCtCap(node: ElementNode): CtCap | undefined {
  if (!onlyKnown(node, ctCapChildren) || optionalText(node, 'CTType') === undefined) return undefined;
  const properties: CtCapProperty[] = [];
  for (const property of childElements(node, 'Property')) {
    const typed = readProperty(property);
    if (typed === undefined) return undefined;
    properties.push(typed);
  }
  return withoutUndefined({
    ctType: requireText(node, 'CTType'),
    verCT: optionalText(node, 'VerCT'),
    fieldLevel: hasFlag(node, 'FieldLevel') ? true : undefined,
    properties,
  });
}

function readProperty(node: ElementNode): CtCapProperty | undefined {
  if (!onlyKnown(node, propertyChildren) || optionalText(node, 'PropName') === undefined) return undefined;
  const propParams: CtCapPropParam[] = [];
  for (const param of childElements(node, 'PropParam')) {
    if (!onlyKnown(param, propParamChildren) || optionalText(param, 'ParamName') === undefined)
      return undefined;
    propParams.push(
      withoutUndefined({
        paramName: requireText(param, 'ParamName'),
        valEnum: textsOf(param, 'ValEnum'),
        dataType: optionalText(param, 'DataType'),
        displayName: optionalText(param, 'DisplayName'),
      }),
    );
  }
  return withoutUndefined({
    propName: requireText(node, 'PropName'),
    valEnum: textsOf(node, 'ValEnum'),
    dataType: optionalText(node, 'DataType'),
    maxSize: optionalInteger(node, 'MaxSize'),
    maxOccur: optionalInteger(node, 'MaxOccur'),
    noTruncate: hasFlag(node, 'NoTruncate') ? true : undefined,
    displayName: optionalText(node, 'DisplayName'),
    propParams,
  });
}

function onlyKnown(node: ElementNode, names: ReadonlySet<string>): boolean {
  return node.children.every((child) =>
    child.kind === 'element' ? names.has(child.name) : child.kind === 'text' && child.value.trim() === '',
  );
}

// DevInf 1.2 DTD: Property (PropName, DataType?, MaxOccur?, MaxSize?, NoTruncate?, ValEnum*, DisplayName?, PropParam*);
// PropParam (ParamName, DataType?, ValEnum*, DisplayName?).
export function writeCtCap(cap: CtCap): ElementNode {
  return el('CTCap', [
    leaf('CTType', cap.ctType),
    optLeaf('VerCT', cap.verCT),
    flag('FieldLevel', cap.fieldLevel),
    ...cap.properties.map((property) =>
      el('Property', [
        leaf('PropName', property.propName),
        optLeaf('DataType', property.dataType),
        optLeaf('MaxOccur', property.maxOccur),
        optLeaf('MaxSize', property.maxSize),
        flag('NoTruncate', property.noTruncate),
        ...leaves('ValEnum', property.valEnum),
        optLeaf('DisplayName', property.displayName),
        ...property.propParams.map((param) =>
          el('PropParam', [
            leaf('ParamName', param.paramName),
            optLeaf('DataType', param.dataType),
            ...leaves('ValEnum', param.valEnum),
            optLeaf('DisplayName', param.displayName),
          ]),
        ),
      ]),
    ),
  ]);
}
