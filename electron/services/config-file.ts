// Reading a configuration file written by the installing technician: JSON, checked against its zod
// schema, and any problem reported as one `input.invalid` line naming the file and the field — the
// same way for the holder-authentication file and the whole installation's file.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { KioskError } from '../../common/errors';

export function readConfigFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new KioskError('input.invalid', `cannot read configuration ${path}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KioskError('input.invalid', `configuration ${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Runs `resolve` (which reads the files the configuration names), prefixing its errors with the file. */
export function resolvingConfig<T>(path: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (err) {
    if (err instanceof KioskError) throw new KioskError(err.kind, `configuration ${path}: ${err.message}`, err.details);
    throw err;
  }
}
