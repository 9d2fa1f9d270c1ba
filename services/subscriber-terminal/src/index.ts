export * from './subscriber-terminal';
export { subscriberTerminalConfig, type SubscriberTerminalConfig } from './config';
export type { SubscriptionDirectory } from './domain/subscription-directory.port';
export type { Eligibility, EligibilityOrUnknown } from './domain/subscriber-terminal.model';
export { HttpSubscriptionDirectory } from './data-access/http-subscription.directory';
export { MirrorSubscriptionDirectory } from './data-access/mirror-subscription.directory';
