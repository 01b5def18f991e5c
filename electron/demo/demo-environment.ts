// Demo / test wiring, never packaged: the private test PKI's roots as trust anchors, its OCSP/CRL
// responder on loopback, and the demo world of virtual cards. `npm start`, the technician CLI
// without a configuration file, and the tests all use this one function, so they agree.
import type { AuthServiceConfig } from '../services/auth/config';
import { startRevocationServer, type RevocationServer } from '../../simulators/testpki';
import { loadDemoWorld, type DemoWorld } from '../../simulators/vcard/world';

export interface DemoEnvironment {
  world: DemoWorld;
  revocationServer: RevocationServer;
  authConfig: AuthServiceConfig;
  close(): Promise<void>;
}

export async function startDemoEnvironment(opts: {
  stateDir?: string;
  failure?: 'fail-closed' | 'fail-open';
  now?: () => Date;
  log?: (msg: string) => void;
} = {}): Promise<DemoEnvironment> {
  const world = await loadDemoWorld(opts.stateDir ? { stateDir: opts.stateDir } : {});
  const revocationServer = await startRevocationServer(world.pki);
  const authConfig: AuthServiceConfig = {
    trustMode: 'test',
    anchors: [world.pki.roots.auth],
    revocation: {
      ocspUrl: revocationServer.ocspUrl,
      crlUrl: revocationServer.crlUrl('auth'),
      failure: opts.failure ?? 'fail-closed',
      timeoutMs: 2000,
    },
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  };
  return { world, revocationServer, authConfig, close: () => revocationServer.close() };
}
