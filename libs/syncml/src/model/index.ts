export * from './metinf.model';
export * from './devinf.model';
export * from './item.model';
export * from './command.model';
export * from './message.model';
