// Channel names as plain data, for the Electron preload: a sandboxed preload gets no zod and no
// logic, only an allow-list. tests/unit/contract-*.test.ts keeps this list equal to contract.ts.
export const COMMAND_CHANNELS = [
  'system.info',
  'card.readers',
  'session.start',
  'session.login',
  'session.end',
  'issuance.catalog',
  'issuance.request',
  'issuance.pay',
  'issuance.print',
  'issuance.cancel',
  'issuance.status',
  'reception.visit',
  'reception.choose',
  'reception.register',
  'reception.print',
  'billing.checkout',
  'billing.pay',
  'billing.cancel',
  'billing.print',
  'billing.link',
  'billing.unlink',
  'staff.unlock',
  'staff.held',
  'staff.resolve',
  'staff.lock',
  'desk.today',
  'desk.payments',
  'desk.refund',
  'desk.settle_held',
  'voice.check',
  'voice.say',
  'demo.holders',
  'demo.insert',
  'demo.remove',
  'demo.pay',
] as const;

export const EVENT_CHANNELS = ['card.event', 'session.ended', 'demo.changed', 'payment.progress', 'issuance.progress', 'printer.status', 'staff.locked',
  'reception.progress', 'billing.progress'] as const;

/** IPC channel names are prefixed so nothing else on ipcMain/ipcRenderer can collide with them. */
export const IPC_INVOKE_PREFIX = 'kiosk:cmd:';
export const IPC_EVENT_CHANNEL = 'kiosk:event';
