// The online-eligibility simulator: the 資格確認端末 and the national service in one process.
// startOnshiSimulator({ dir }) serves the WebAPI on loopback and the REQ/RES exchange in dir/req
// and dir/res; dir/reference-numbers.json keeps the registered 照会番号 across restarts.
// See README.md for the interface and every choice made where the public sources are silent.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REQ_FOLDER, RES_FOLDER, type XmlEncoding } from '../../common/onshi';
import { loadDemoWorld } from '../vcard/world';
import { CardChecker } from './card-check';
import { startFolderExchange } from './folder-exchange';
import { createOnshiHttpServer, type ApiState, type OutageMode } from './http-api';
import { INSURED_PERSONS } from './insured-persons';
import { EligibilityBook } from './service';

export { INSURED_PERSONS } from './insured-persons';
export type { InsuredPerson } from './insured-persons';

export interface OnshiSimulatorOptions {
  dir: string;
  /** 0 or absent: any free port. */
  port?: number;
  medicalInstitutionCode?: string;
  /** Encoding of the WebAPI's answers (the folder exchange answers in each request's encoding). */
  encoding?: XmlEncoding;
  now?: () => Date;
}

export interface OnshiSimulator {
  url: string;
  reqDir: string;
  resDir: string;
  close(): Promise<void>;
  /** true / 'down': 503 and the folder is not served; 'timeout': requests are never answered; false: back. */
  outage(on: boolean | 'down' | 'timeout'): void;
  /** This person answers 処理中 to `polls` polls before the result. */
  slow(personId: string, polls: number): void;
  /** J-LIS's link for a demo card: its certificate now means this insured person (null: not registered for insurance use). */
  linkCard(profileId: string, personId: string | null): void;
}

export const DEFAULT_MEDICAL_INSTITUTION_CODE = '1311111111';

export async function startOnshiSimulator(opts: OnshiSimulatorOptions): Promise<OnshiSimulator> {
  const now = opts.now ?? (() => new Date());
  const medicalInstitutionCode = opts.medicalInstitutionCode ?? DEFAULT_MEDICAL_INSTITUTION_CODE;
  const reqDir = join(opts.dir, REQ_FOLDER);
  const resDir = join(opts.dir, RES_FOLDER);
  mkdirSync(reqDir, { recursive: true });
  mkdirSync(resDir, { recursive: true });
  const world = await loadDemoWorld(); // the test PKI, with the revoked demo cards registered as revoked
  const book = new EligibilityBook({ medicalInstitutionCode, referencesFile: join(opts.dir, 'reference-numbers.json'), now });
  const state: ApiState = { outage: false, encoding: opts.encoding ?? 'UTF-8', cardLinks: new Map() };
  const server = createOnshiHttpServer({ checker: new CardChecker(world.pki, now), book, state });
  const folders = startFolderExchange({ reqDir, resDir, book, medicalInstitutionCode, now, isDown: () => state.outage !== false });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const setOutage = (on: boolean | OutageMode) => { state.outage = on === true ? 'down' : on; };
  return {
    url: `http://127.0.0.1:${port}`,
    reqDir,
    resDir,
    outage: setOutage,
    slow: (personId, polls) => book.setSlow(personId, polls),
    linkCard: (profileId, personId) => {
      if (personId !== null && !INSURED_PERSONS.some((p) => p.id === personId)) throw new Error(`no insured person '${personId}'`);
      state.cardLinks.set(profileId, personId);
    },
    async close() {
      folders.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
