import { SyncmlEncodeError } from '../errors/syncml.error';
import { Namespaces, element, text, type SyncmlDocument } from '../tree/element';
import { Fpi } from './public-id.table';
import { cstr } from './wbxml-codec-case';
import { encodeWbxmlDocument } from './wbxml-document.encoder';

const syncml12 = (children: Parameters<typeof element>[1]): SyncmlDocument => ({
  publicId: Fpi.syncml12,
  root: element('SyncML', children, Namespaces.syncml12),
  wbxmlVersion: 2,
});

describe('WBXML encoder options', () => {
  const vcard = syncml12([
    element('SyncBody', [element('Data', [text('BEGIN:VCARD', true)]), element('Data', [text('200')])]),
  ]);

  it('writes CDATA Data as OPAQUE and plain Data as STR_I by default', () => {
    const bytes = Array.from(encodeWbxmlDocument(vcard));
    expect(bytes.slice(7, 10)).toEqual([0x4f, 0xc3, 0x0b]);
    expect(bytes.slice(22, 24)).toEqual([0x4f, 0x03]);
  });

  it('writes every Data text as STR_I with dataAsOpaque never', () => {
    expect(Array.from(encodeWbxmlDocument(vcard, { dataAsOpaque: 'never' })).slice(7, 9)).toEqual([
      0x4f, 0x03,
    ]);
  });

  it('writes DevInf inline as LITERAL tags when embedding is off', () => {
    const doc = syncml12([element('Data', [element('DevInf', [], Namespaces.devinf)])]);
    const bytes = Array.from(encodeWbxmlDocument(doc, { embedDevInfAsWbxml: false }));
    expect(bytes).toEqual([
      0x02,
      0xa4,
      0x01,
      0x6a,
      0x07,
      ...cstr('DevInf'),
      0x6d,
      0x4f,
      0x04,
      0x00,
      0x01,
      0x01,
    ]);
  });

  it('writes WBXML 1.3 when asked', () => {
    expect(encodeWbxmlDocument(vcard, { version: 0x03 })[0]).toBe(0x03);
  });
});

describe('WBXML encoder refusals', () => {
  it('refuses text containing NUL, which STR_I cannot carry, with SyncmlEncodeError', () => {
    const doc = syncml12([element('SyncBody', [element('LocURI', [text('a\0b')])])]);
    expect(() => encodeWbxmlDocument(doc)).toThrow(SyncmlEncodeError);
  });

  it('refuses a document it has no code pages for', () => {
    const doc = { publicId: '-//WAPFORUM//DTD PROV 1.0//EN', root: element('wap-provisioningdoc') };
    expect(() => encodeWbxmlDocument(doc)).toThrow(expect.objectContaining({ code: 'SYNCML_CANNOT_ENCODE' }));
  });

  it('writes a bare SyncML root without a known public id as SyncML 1.2 (like xml2wbxml)', () => {
    const bytes = encodeWbxmlDocument({ publicId: '', root: element('SyncML', [element('SyncBody')]) });
    expect(Array.from(bytes)).toEqual([0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x2b, 0x01]);
  });
});
