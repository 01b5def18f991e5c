// Payment-device drivers packaged with this build, by the name an installation's configuration
// gives in `payment.device`. A driver adapts a real acceptor or IC terminal (its serial
// protocol or vendor SDK) to PaymentDevice (electron/services/payment/payment-device.ts) and keeps
// that file's contract — the issuance state machine relies on it to charge exactly once.
//
// No hardware driver ships yet, so a configuration with `issuance` does not start until one is
// added here: a kiosk that cannot take money must not offer paid certificates. The simulated
// acceptor of `npm start` lives in simulators/ and is never packaged.
import type { PaymentDrivers } from '../services/installation/installed-kiosk';

export const PAYMENT_DRIVERS: PaymentDrivers = {};
