import { UserError } from '@dms/service-kit';
import {
  PROV_PUBLIC_ID,
  ProvCharacteristicTypes,
  ProvGenericAttributes,
  ProvParmNames,
  ProvTags,
  WbxmlGlobal,
  WbxmlTagFlags,
  type AttributeToken,
} from './prov.tokens';

/** One characteristic of a CP document: its parms in order, then nested characteristics. */
export interface ProvCharacteristic {
  readonly type: string;
  readonly parms: ReadonlyArray<readonly [name: string, value: string]>;
  readonly children?: readonly ProvCharacteristic[];
}

/**
 * Encodes `<wap-provisioningdoc version="1.1">` with its characteristics as WBXML 1.3,
 * public id 0x0B, UTF-8, no string table. Attribute tokens come from prov.tokens; a name
 * or type without a token is written as the generic `name`/`type` start and an inline string.
 * The attribute code page is switched only when the next token lives on the other page.
 */
export function encodeProvisioningDocument(
  characteristics: readonly ProvCharacteristic[],
  version = '1.1',
): Uint8Array {
  const out: number[] = [0x03, PROV_PUBLIC_ID, 0x6a, 0x00]; // version 1.3, public id, charset UTF-8 (MIBenum 106), string table length 0
  let page = 0;
  const attribute = (choices: readonly AttributeToken[]): void => {
    const pick = choices.find((c) => c.page === page) ?? (choices[0] as AttributeToken);
    if (pick.page !== page) {
      out.push(WbxmlGlobal.SWITCH_PAGE, pick.page);
      page = pick.page;
    }
    out.push(pick.token);
  };
  const inline = (text: string): void => {
    if (text.includes('\0')) throw new UserError('CP_DOCUMENT_INVALID', 'a CP value cannot contain NUL');
    out.push(WbxmlGlobal.STR_I, ...Buffer.from(text, 'utf8'), 0x00);
  };
  const named = (
    table: Readonly<Record<string, readonly AttributeToken[]>>,
    generic: readonly AttributeToken[],
    value: string,
  ): void => {
    const known = table[value];
    if (known !== undefined) attribute(known);
    else {
      attribute(generic);
      inline(value);
    }
  };
  const characteristic = (c: ProvCharacteristic): void => {
    out.push(ProvTags.characteristic | WbxmlTagFlags.attributes | WbxmlTagFlags.content);
    named(ProvCharacteristicTypes, ProvGenericAttributes.type, c.type);
    out.push(WbxmlGlobal.END);
    for (const [name, value] of c.parms) {
      out.push(ProvTags.parm | WbxmlTagFlags.attributes); // empty element: attributes only
      named(ProvParmNames, ProvGenericAttributes.name, name);
      attribute(ProvGenericAttributes.value);
      inline(value);
      out.push(WbxmlGlobal.END);
    }
    for (const child of c.children ?? []) characteristic(child);
    out.push(WbxmlGlobal.END);
  };

  out.push(ProvTags['wap-provisioningdoc'] | WbxmlTagFlags.attributes | WbxmlTagFlags.content);
  attribute(ProvGenericAttributes.version);
  inline(version);
  out.push(WbxmlGlobal.END);
  for (const c of characteristics) characteristic(c);
  out.push(WbxmlGlobal.END);
  return Uint8Array.from(out);
}
