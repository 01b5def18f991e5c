// The real authentication stack for integration tests: pcscd + vpcd + a virtual card from the demo
// world, the PC/SC client, the test PKI's OCSP/CRL responder, and the holder-auth service.
// Each test gets a fresh card-state directory, so PIN counters never leak between tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcscService } from '../../native/pcsc/pcsc-service';
import { startDemoEnvironment, type DemoEnvironment } from '../../electron/demo/demo-environment';
import { createCardAuthService, type CardAuthService } from '../../electron/services/auth/holder-auth-service';
import { insertCard, type InsertedCard } from '../../simulators/vcard/vpcd-link';
import { VirtualCard, type VirtualCardConfig } from '../../simulators/vcard/card';

export const vpcdReaderName = (index: 0 | 1): string => `Virtual PCD 00 0${index}`;

export interface AuthStack {
  env: DemoEnvironment;
  pcsc: PcscService;
  stateDir: string;
  /** A fresh auth service (same config as `npm start` unless overridden). */
  service(overrides?: Partial<DemoEnvironment['authConfig']>): Promise<CardAuthService>;
  /** Inserts the profile's card (optionally with a changed configuration) and waits until PC/SC sees it. */
  insert(profileId: string, opts?: { reader?: 0 | 1; mutate?: (c: VirtualCardConfig) => VirtualCardConfig | Promise<VirtualCardConfig> }): Promise<InsertedCard>;
  close(): Promise<void>;
}

export async function startAuthStack(): Promise<AuthStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'madoguchi-vcard-'));
  const env = await startDemoEnvironment({ stateDir });
  const pcsc = await PcscService.start();
  const inserted: InsertedCard[] = [];
  const services: CardAuthService[] = [];
  return {
    env,
    pcsc,
    stateDir,
    async service(overrides = {}) {
      const s = await createCardAuthService({ ...env.authConfig, ...overrides }, { pcsc });
      services.push(s);
      return s;
    },
    async insert(profileId, opts = {}) {
      const reader = opts.reader ?? 0;
      // pcscd polls vpcd (~400 ms): a card removed just before must be seen gone first, or the
      // "present" state we wait for below would be the old card's.
      await waitUntilAbsent(pcsc, vpcdReaderName(reader), 5000);
      let config = await env.world.cardConfigFor(profileId, { stateDir });
      if (opts.mutate) config = await opts.mutate(config);
      const card = await insertCard(new VirtualCard(config), { reader });
      inserted.push(card);
      await pcsc.waitForCard(vpcdReaderName(reader), 5000);
      return card;
    },
    async close() {
      for (const s of services) await s.close();
      for (const c of inserted) await c.remove();
      await pcsc.close();
      await env.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilAbsent(pcsc: PcscService, reader: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pcsc.readers().find((r) => r.name === reader)?.cardPresent) {
    if (Date.now() > deadline) throw new Error(`${reader} still shows a card after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
