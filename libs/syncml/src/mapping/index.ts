export { documentToMessage, messageToDocument, type MessageWriteOptions } from './message.mapping';
export { readDevInf, writeDevInf } from './devinf.mapping';
export { readMetInf, writeMetInfChildren } from './metinf.mapping';
export { readCommand } from './command.reader';
export { writeCommand } from './command.writer';
