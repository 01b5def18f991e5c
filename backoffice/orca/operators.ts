// Who may call the accounting system: its operators, each an id and a password sent with HTTP Basic
// auth as ORCA takes them (ORCA's own sample operator is `ormaster`). Provisioned at start from the
// back office's credentials (`orcaOperators` beside kiosks and staff); kept as salted scrypt digests in orca.db.
import { z } from 'zod';
import { KioskError } from '../../common/errors';
import type { OrcaStore } from './orca-store';

export const OrcaOperatorProvision = z.object({
  /** No colon: Basic auth splits the id from the password at the first one. */
  operatorId: z.string().min(1).max(64).regex(/^[^:\s]+$/, 'no spaces or ":"'),
  password: z.string().min(8).max(200),
});

const WithOperators = z.object({ orcaOperators: z.array(OrcaOperatorProvision).default([]) });

/** Writes the operators named in the credentials (replacing earlier passwords of the same ids). */
export function provisionOrcaOperators(store: OrcaStore, credentials: unknown): void {
  const parsed = WithOperators.safeParse(credentials);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KioskError('input.invalid', `credentials: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, { field: 'credentials' });
  }
  for (const o of parsed.data.orcaOperators) store.putOperator(o.operatorId, o.password);
}
