// The payment devices that cannot exist on a build machine: the cash / IC acceptor, the card terminal,
// and the journal both keep on disk.
export { CASH_DENOMINATIONS, createSimulatedAcceptor, type SimulatedAcceptor, type SimulatedAcceptorOptions } from './simulated-acceptor';
export {
  createSimulatedCardTerminal, type CardOutcome, type CardOutcomeName, type CardTerminalOptions, type SimulatedCardTerminal, type TokenizeResult,
} from './card-terminal';
export { openPaymentJournal, readPaymentJournal, type JournalEntry, type PaymentJournal } from './payment-journal';
