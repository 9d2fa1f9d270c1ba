import { PublicIds } from '../codes/public-id.codes';
import { element, Namespaces, opaque, text } from '../tree/element';
import { decodeXmlDocument } from './xml.decoder';
import { encodeXmlDocument } from './xml.encoder';
import { xmlCodecCase } from './xml-codec-case';

const { syncml12, syncml11, metinf, devinf } = Namespaces;

describe('XML codec vectors', () => {
  xmlCodecCase(
    'header with Meta in syncml:metinf',
    {
      publicId: PublicIds.syncml12,
      root: element(
        'SyncML',
        [
          element('SyncHdr', [
            element('VerDTD', [text('1.2')]),
            element('Meta', [
              element('MaxMsgSize', [text('150000')], metinf),
              element('MaxObjSize', [text('4000000')], metinf),
            ]),
          ]),
          element('SyncBody', [element('Final')]),
        ],
        syncml12,
      ),
    },
    '<SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><Meta>' +
      '<MaxMsgSize xmlns="syncml:metinf">150000</MaxMsgSize><MaxObjSize xmlns="syncml:metinf">4000000</MaxObjSize>' +
      '</Meta></SyncHdr><SyncBody><Final/></SyncBody></SyncML>',
  );

  xmlCodecCase(
    'DevInf nested in Data switches to syncml:devinf and back is implicit',
    {
      publicId: PublicIds.syncml11,
      root: element(
        'SyncML',
        [element('Data', [element('DevInf', [element('VerDTD', [text('1.1')])], devinf)]), element('Final')],
        syncml11,
      ),
    },
    '<SyncML xmlns="SYNCML:SYNCML1.1"><Data><DevInf xmlns="syncml:devinf"><VerDTD>1.1</VerDTD></DevInf></Data><Final/></SyncML>',
  );

  xmlCodecCase(
    'CDATA vCard with CRLF and markup characters is kept byte for byte',
    {
      publicId: PublicIds.syncml12,
      root: element(
        'SyncML',
        [element('Data', [text('BEGIN:VCARD\r\nNOTE:a<b&c\r\nEND:VCARD\r\n', true)])],
        syncml12,
      ),
    },
    '<SyncML xmlns="SYNCML:SYNCML1.2"><Data><![CDATA[BEGIN:VCARD]]>&#13;<![CDATA[\nNOTE:a<b&c]]>&#13;<![CDATA[\nEND:VCARD]]>&#13;<![CDATA[\n]]></Data></SyncML>',
  );

  xmlCodecCase(
    'escaped text with significant surrounding spaces',
    {
      publicId: PublicIds.syncml12,
      root: element('SyncML', [element('Data', [text('  a & b < c > d  ')])], syncml12),
    },
    '<SyncML xmlns="SYNCML:SYNCML1.2"><Data>  a &amp; b &lt; c &gt; d  </Data></SyncML>',
  );
});

describe('XML decoder', () => {
  it('takes the public id from the DOCTYPE', () => {
    const doc = decodeXmlDocument(
      '<!DOCTYPE SyncML PUBLIC "-//SYNCML//DTD SyncML 1.1//EN" "x.dtd"><SyncML/>',
    );
    expect(doc.publicId).toBe(PublicIds.syncml11);
  });

  it('infers SyncML 1.1 from VerDTD when there is neither DOCTYPE nor xmlns', () => {
    const doc = decodeXmlDocument('<SyncML><SyncHdr><VerDTD> 1.1 </VerDTD></SyncHdr></SyncML>');
    expect(doc.publicId).toBe(PublicIds.syncml11);
  });

  it('drops layout whitespace between elements but keeps leaf text exactly', () => {
    const doc = decodeXmlDocument('<SyncML>\n  <LocURI> ./a </LocURI>\n  <Data>\n</Data>\n</SyncML>');
    expect(doc.root).toEqual(
      element('SyncML', [element('LocURI', [text(' ./a ')]), element('Data', [text('\n')])]),
    );
  });

  it('resolves prefixed namespaces and records a namespace only where it changes', () => {
    const doc = decodeXmlDocument(
      '<SyncML xmlns="SYNCML:SYNCML1.2" xmlns:m="syncml:metinf"><Meta><m:Type>t</m:Type><Other xmlns="SYNCML:SYNCML1.2"/></Meta></SyncML>',
    );
    expect(doc.root).toEqual(
      element(
        'SyncML',
        [element('Meta', [element('Type', [text('t')], metinf), element('Other')])],
        syncml12,
      ),
    );
  });

  it('unescapes character references and merges text split around CDATA of the same kind', () => {
    const doc = decodeXmlDocument('<Data>&#65;&#x42;&quot;&apos;</Data>');
    expect(doc.root.children).toEqual([text('AB"\'')]);
  });

  it('decodes ISO-8859-1 bytes when the declaration says so', () => {
    const bytes = Uint8Array.from([
      ...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><Data>'),
      0xe9,
      ...Buffer.from('</Data>'),
    ]);
    expect(decodeXmlDocument(bytes).root.children).toEqual([text('é')]);
  });
});

describe('XML encoder', () => {
  it('reads a literal CR LF as LF (XML 1.0 2.11) and keeps an escaped CR', () => {
    expect(decodeXmlDocument('<Data>a\r\nb&#13;\nc</Data>').root.children).toEqual([text('a\nb\r\nc')]);
  });

  it('splits "]]>" inside CDATA so the section stays well-formed and decodes back', () => {
    const doc = { publicId: PublicIds.syncml12, root: element('Data', [text('a]]>b', true)]) };
    const xml = encodeXmlDocument(doc, { declaration: false });
    expect(xml).toBe('<Data><![CDATA[a]]]]><![CDATA[>b]]></Data>');
    expect(decodeXmlDocument(xml).root.children).toEqual([text('a]]>b', true)]);
  });

  it('writes UTF-8 opaque data as text and refuses binary that is not UTF-8', () => {
    const ok = {
      publicId: PublicIds.syncml12,
      root: element('Data', [opaque(new TextEncoder().encode('x<y'))]),
    };
    expect(encodeXmlDocument(ok, { declaration: false })).toBe('<Data>x&lt;y</Data>');
    const bad = {
      publicId: PublicIds.syncml12,
      root: element('Data', [opaque(Uint8Array.from([0xff, 0xfe]))]),
    };
    expect(() => encodeXmlDocument(bad)).toThrow(expect.objectContaining({ code: 'SYNCML_CANNOT_ENCODE' }));
  });

  it('writes a DOCTYPE with the SyncML 1.2 system id on request', () => {
    const xml = encodeXmlDocument(
      { publicId: PublicIds.syncml12, root: element('SyncML') },
      { doctype: true, declaration: false },
    );
    expect(xml).toBe(
      '<!DOCTYPE SyncML PUBLIC "-//SYNCML//DTD SyncML 1.2//EN" "http://www.openmobilealliance.org/tech/DTD/OMA-TS-SyncML_RepPro_DTD-V1_2.dtd"><SyncML/>',
    );
  });
});
