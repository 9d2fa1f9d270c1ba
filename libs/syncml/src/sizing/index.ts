export { packMessages, packNextMessage, type PackOptions, type PackedMessage } from './message.packer';
export { chunkLargeObject, type ChunkOptions } from './large-object.chunker';
export { encodedSizer, type MessageSizer } from './message-size';
