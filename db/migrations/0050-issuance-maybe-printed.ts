// 0050: whether paper may have come out of a print that did not finish (the printer's own answer,
// or a restart that found the request mid-print). Staff read it at the kiosk's staff screen before
// they decide between "it was printed", a reprint and a refund. NULL: not recorded (older rows).
import type { Migration } from '../migrate';

export const migration0050: Migration = {
  version: 50,
  name: 'issuance-maybe-printed',
  up(db) {
    db.exec(`ALTER TABLE issuance_requests ADD COLUMN maybe_printed INTEGER CHECK (maybe_printed IN (0, 1));`);
  },
};
