export { decodeWbxmlDocument } from './wbxml-document.decoder';
export { encodeWbxmlDocument, type WbxmlEncodeOptions } from './wbxml-document.encoder';
export { DefaultWbxmlLimits, type WbxmlLimits } from './wbxml.limits';
export { Fpi, NumericPublicIds } from './public-id.table';
export { WbxmlMetaTypes } from './embedded-document';
