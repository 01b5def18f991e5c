// Child process for tests/crash/reception-crash.test.ts: a kiosk that takes one patient's visit (a
// returning patient, from an eligibility answer) up to a given step, says so on stdout
// ("at <step> <visitId>"), and then waits until the parent SIGKILLs it. 'answered' is the worst
// moment: the accounting system has registered the reception and the kiosk dies before writing
// the answer down. Everything it needs comes from the environment.
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createIppPrinter } from '../../electron/services/printing/ipp-printer';
import { createOrcaClient } from '../../electron/services/reception/orca-client';
import type { AccountingSystem, EligibilityService } from '../../electron/services/reception/ports';
import { createReceptionService } from '../../electron/services/reception/reception-service';
import { createVisitStore } from '../../electron/services/reception/visit-machine';

const env = (k: string) => process.env[k] ?? (() => { throw new Error(`${k} missing`); })();
const stopAt = env('RECEPTION_STOP_AT') as 'outcome' | 'chosen' | 'registering' | 'answered' | 'registered';
const department = env('RECEPTION_DEPARTMENT');
const say = (s: string) => process.stdout.write(`${s}\n`);
const hang = () => new Promise<never>(() => undefined);

const db = openKioskDb({ path: env('RECEPTION_DB') });
const orca = createOrcaClient({ url: env('RECEPTION_ORCA_URL'), user: 'ormaster', password: 'ormaster' });
let visitId = '';
// The steps around acceptmodv2, seen from the port: before it is sent, and once it has answered.
const accounting: AccountingSystem = {
  ...orca,
  findPatient: (id) => orca.findPatient(id),
  todaysReceptions: (cls) => orca.todaysReceptions(cls),
  async registerReception(r) {
    if (stopAt === 'registering') { say(`at registering ${visitId}`); return hang(); }
    const answer = await orca.registerReception(r);
    if (stopAt === 'answered') { say(`at answered ${visitId}`); return hang(); }
    return answer;
  },
};
// The eligibility service's part after the card check (the choices) is not what this test is about.
const eligibility = { recordChoices: async () => undefined, registerReferenceNumber: async () => undefined } as unknown as EligibilityService;
// 'registered': the kiosk dies while the 受付票 is being drawn (the printer is never reached).
const slip = stopAt === 'registered'
  ? { printer: createIppPrinter({ printerUri: 'ipp://127.0.0.1:9/printers/none' }), renderSlip: () => { say(`at registered ${visitId}`); return hang(); } }
  : { printer: null, renderSlip: null };
const service = createReceptionService({
  visits: createVisitStore(db, createQueue(db), 'hospital-kiosk-1', Date.now), eligibility, accounting, ...slip,
  departments: [{ code: department, name: { ja: '診療科', en: 'Department', zh: '科', ko: '과' } }], hospitalName: 'test', kioskId: 'hospital-kiosk-1',
});

const v = service.startVisit({ result: {
  arbitraryFileIdentifier: `crash-${stopAt}`, segmentOfResult: '1', processingResultStatus: '1', qualificationValidity: '1', referenceNumber: env('RECEPTION_PATIENT'),
  insuredPartialContributionRatio: '030', rawXml: '<XmlMsg/>',
} }, 'card');
visitId = v.visitId;
if (stopAt === 'outcome') say(`at outcome ${visitId}`);
else {
  await service.choose(visitId, { consent: { diagnosis: true, medication: true, checkups: true, surgery: true }, publicAid: 'none', prescription: 'paper' });
  if (stopAt === 'chosen') say(`at chosen ${visitId}`);
  else void service.register(visitId, department);
}
setInterval(() => undefined, 1000);
