// The ordered list of kiosk schema migrations. Append only: a shipped migration never changes.
import type { Migration } from '../migrate';
import { migration0010 } from './0010-outbox';
import { migration0020 } from './0020-records';
import { migration0030 } from './0030-sync-state';
import { migration0040 } from './0040-issuance-requests';
import { migration0050 } from './0050-issuance-maybe-printed';
import { migration0060 } from './0060-outbox-partial-indexes';
import { migration0070 } from './0070-records-as-written';
import { migration0080 } from './0080-reception-visits';
import { migration0090 } from './0090-billing-checkouts';
import { migration0100 } from './0100-billing-refunds';

export const KIOSK_MIGRATIONS: readonly Migration[] = [migration0010, migration0020, migration0030, migration0040, migration0050, migration0060, migration0070, migration0080, migration0090, migration0100];
