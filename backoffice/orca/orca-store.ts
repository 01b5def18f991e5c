// The records of the medical-accounting system (ORCA's subset for reception): its operators, 診療科 and
// doctors, patients and today's receptions. ORCA is a separate system from the back office, so it has its
// own SQLite file (orca.db in the data directory), whatever store the back office itself uses.
// Synchronous on purpose: one process owns the file and every operation is a few indexed rows.
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openSqliteFile } from '../storage/sqlite-file';

export interface OrcaPatientRow {
  patientId: string; wholeName: string; wholeNameKana: string; birthDate: string; sex: '1' | '2';
  /** 保険 as registered at ORCA's window (JSON of the HealthInsurance_Information entries); [] for none. */
  insurances: Record<string, string>[];
}

export interface OrcaReceptionRow {
  /** '' for a reception made by name only (acceptmodv2 01 with WholeName) until 03 attaches a patient. */
  date: string; acceptanceId: string; time: string; patientId: string; departmentCode: string; physicianCode: string;
  medicalInformation: string; insuranceCombination: string; accountTime: string | null;
  /** The name a reception without a patient was made under; absent once it has a patient. */
  wholeName?: string;
}

export interface OrcaDepartment { code: string; name: string }
export interface OrcaPhysician { code: string; name: string; departmentCode: string }

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS operator_passwords (operator_id TEXT PRIMARY KEY, salt TEXT NOT NULL, password_digest TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS departments (code TEXT PRIMARY KEY, name TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS physicians (code TEXT PRIMARY KEY, name TEXT NOT NULL, department_code TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS patients (
    patient_id TEXT PRIMARY KEY, whole_name TEXT NOT NULL, whole_name_kana TEXT NOT NULL,
    birth_date TEXT NOT NULL, sex TEXT NOT NULL, insurances TEXT NOT NULL DEFAULT '[]') STRICT;
  CREATE INDEX IF NOT EXISTS patients_identity ON patients (whole_name, sex, birth_date);
  CREATE TABLE IF NOT EXISTS receptions (
    acceptance_date TEXT NOT NULL, acceptance_id TEXT NOT NULL, acceptance_time TEXT NOT NULL,
    patient_id TEXT NOT NULL, department_code TEXT NOT NULL, physician_code TEXT NOT NULL,
    medical_information TEXT NOT NULL, insurance_combination TEXT NOT NULL, account_time TEXT,
    PRIMARY KEY (acceptance_date, acceptance_id)) STRICT;
  CREATE INDEX IF NOT EXISTS receptions_patient ON receptions (patient_id, acceptance_date);
  -- The name of a reception made without a patient (its patient_id is ''): a table of its own, so an
  -- orca.db written before such receptions existed needs no change to its receptions table.
  CREATE TABLE IF NOT EXISTS reception_names (
    acceptance_date TEXT NOT NULL, acceptance_id TEXT NOT NULL, whole_name TEXT NOT NULL,
    PRIMARY KEY (acceptance_date, acceptance_id)) STRICT;
  -- A patient open on a terminal (ORCA's 排他制御): every change to that patient answers 90 他端末使用中.
  CREATE TABLE IF NOT EXISTS patient_locks (patient_id TEXT PRIMARY KEY, terminal TEXT NOT NULL) STRICT;
`;

// Operator passwords are chosen by people: kept as scrypt digests (slow to guess from a copied file).
// A password once verified is remembered in memory as a fast digest, so each API call does not pay
// scrypt's cost; the memory is forgotten when the operator's password changes or the process ends.
// N = 2^12: ~20 ms on this project's 2-core build machine (the default 2^14 took ~180 ms, paid by every
// start that provisions operators and every first call), still thousands of times a plain hash's cost.
const slowDigest = (salt: string, password: string) => scryptSync(password, salt, 32, { N: 4096 }).toString('hex');
const fastDigest = (salt: string, password: string) => createHash('sha256').update(`${salt}\u0000${password}`).digest();

/** ORCA's standard patient-number layout: digits, zero-padded to 5 ("12" is patient 00012). */
export function normalizePatientId(id: string): string {
  const trimmed = id.trim();
  return /^\d{1,5}$/.test(trimmed) ? trimmed.padStart(5, '0') : trimmed;
}

interface PatientDb { patient_id: string; whole_name: string; whole_name_kana: string; birth_date: string; sex: string; insurances: string }
interface ReceptionDb {
  acceptance_date: string; acceptance_id: string; acceptance_time: string; patient_id: string; department_code: string;
  physician_code: string; medical_information: string; insurance_combination: string; account_time: string | null;
  whole_name: string | null;
}
const RECEPTION_SELECT = `SELECT r.*, n.whole_name FROM receptions r
  LEFT JOIN reception_names n ON n.acceptance_date = r.acceptance_date AND n.acceptance_id = r.acceptance_id`;

const patientOf = (r: PatientDb): OrcaPatientRow => ({
  patientId: r.patient_id, wholeName: r.whole_name, wholeNameKana: r.whole_name_kana, birthDate: r.birth_date,
  sex: r.sex === '2' ? '2' : '1', insurances: JSON.parse(r.insurances) as Record<string, string>[],
});
const receptionOf = (r: ReceptionDb): OrcaReceptionRow => ({
  date: r.acceptance_date, acceptanceId: r.acceptance_id, time: r.acceptance_time, patientId: r.patient_id,
  departmentCode: r.department_code, physicianCode: r.physician_code, medicalInformation: r.medical_information,
  insuranceCombination: r.insurance_combination, accountTime: r.account_time, ...(r.whole_name !== null ? { wholeName: r.whole_name } : {}),
});

export class OrcaStore {
  /** `db` is readable: the cashier's records (backoffice/orca/income/) live in the same file. */
  private readonly verified = new Map<string, Buffer>();

  constructor(readonly db: Database.Database) { db.exec(SCHEMA); }

  /** Operators sign in with Basic auth; the password is kept only as a salted scrypt digest. */
  putOperator(operatorId: string, password: string): void {
    const salt = randomBytes(16).toString('hex');
    this.db.prepare('INSERT INTO operator_passwords VALUES (?, ?, ?) ON CONFLICT (operator_id) DO UPDATE SET salt = excluded.salt, password_digest = excluded.password_digest')
      .run(operatorId, salt, slowDigest(salt, password));
    this.verified.delete(operatorId);
  }

  operatorCount(): number { return (this.db.prepare('SELECT count(*) AS n FROM operator_passwords').get() as { n: number }).n; }

  checkOperator(operatorId: string, password: string): boolean {
    const row = this.db.prepare('SELECT salt, password_digest FROM operator_passwords WHERE operator_id = ?').get(operatorId) as { salt: string; password_digest: string } | undefined;
    if (!row) return false;
    const fast = fastDigest(row.salt, password);
    const known = this.verified.get(operatorId);
    if (known && timingSafeEqual(known, fast)) return true;
    if (!timingSafeEqual(Buffer.from(slowDigest(row.salt, password), 'hex'), Buffer.from(row.password_digest, 'hex'))) return false;
    this.verified.set(operatorId, fast);
    return true;
  }

  putDepartment(d: OrcaDepartment): void { this.db.prepare('INSERT OR REPLACE INTO departments VALUES (?, ?)').run(d.code, d.name); }
  putPhysician(p: OrcaPhysician): void { this.db.prepare('INSERT OR REPLACE INTO physicians VALUES (?, ?, ?)').run(p.code, p.name, p.departmentCode); }
  department(code: string): OrcaDepartment | undefined { return this.db.prepare('SELECT code, name FROM departments WHERE code = ?').get(code) as OrcaDepartment | undefined; }
  physician(code: string): OrcaPhysician | undefined {
    return this.db.prepare('SELECT code, name, department_code AS departmentCode FROM physicians WHERE code = ?').get(code) as OrcaPhysician | undefined;
  }

  patient(patientId: string): OrcaPatientRow | undefined {
    const r = this.db.prepare('SELECT * FROM patients WHERE patient_id = ?').get(normalizePatientId(patientId)) as PatientDb | undefined;
    return r ? patientOf(r) : undefined;
  }

  /** Patients with the same 氏名・性別・生年月日 (ORCA's 同一患者 check). */
  samePerson(p: { wholeName: string; sex: string; birthDate: string }): OrcaPatientRow[] {
    return (this.db.prepare('SELECT * FROM patients WHERE whole_name = ? AND sex = ? AND birth_date = ?').all(p.wholeName, p.sex, p.birthDate) as PatientDb[]).map(patientOf);
  }

  /** Registers a patient; `patientId` '*' takes the next free number (ORCA's 自動採番). Null: the number is taken. */
  addPatient(p: Omit<OrcaPatientRow, 'patientId'> & { patientId: string }): string | null {
    return this.db.transaction(() => {
      let id = normalizePatientId(p.patientId);
      if (id === '*') {
        const max = (this.db.prepare("SELECT max(CAST(patient_id AS INTEGER)) AS m FROM patients WHERE patient_id GLOB '[0-9]*'").get() as { m: number | null }).m ?? 0;
        id = String(max + 1).padStart(5, '0');
      } else if (this.patient(id)) return null;
      this.db.prepare('INSERT INTO patients VALUES (?, ?, ?, ?, ?, ?)').run(id, p.wholeName, p.wholeNameKana, p.birthDate, p.sex, JSON.stringify(p.insurances));
      return id;
    })();
  }

  /** The terminal that has this patient open, if any. */
  lockedBy(patientId: string): string | undefined {
    return (this.db.prepare('SELECT terminal FROM patient_locks WHERE patient_id = ?').get(normalizePatientId(patientId)) as { terminal: string } | undefined)?.terminal;
  }
  /** Opens the patient on another terminal (ORCA's own screens do this; demos and tests call it). */
  lockPatient(patientId: string, terminal: string): void { this.db.prepare('INSERT OR REPLACE INTO patient_locks VALUES (?, ?)').run(normalizePatientId(patientId), terminal); }
  unlockPatient(patientId: string): void { this.db.prepare('DELETE FROM patient_locks WHERE patient_id = ?').run(normalizePatientId(patientId)); }

  receptionsOn(date: string): OrcaReceptionRow[] {
    return (this.db.prepare(`${RECEPTION_SELECT} WHERE r.acceptance_date = ? ORDER BY r.acceptance_id`).all(date) as ReceptionDb[]).map(receptionOf);
  }

  reception(date: string, acceptanceId: string): OrcaReceptionRow | undefined {
    const r = this.db.prepare(`${RECEPTION_SELECT} WHERE r.acceptance_date = ? AND r.acceptance_id = ?`).get(date, acceptanceId) as ReceptionDb | undefined;
    return r ? receptionOf(r) : undefined;
  }

  /** Adds a reception with the day's next 受付ID, unless the patient already has one that day for the
   *  same 診療科 and doctor (then that one is answered, and `added` is false). One transaction: two
   *  terminals registering the same patient at once cannot both succeed. */
  addReception(r: Omit<OrcaReceptionRow, 'acceptanceId' | 'accountTime'>): { added: boolean; row: OrcaReceptionRow } {
    return this.db.transaction(() => {
      // A reception by name only (patientId '') is never a duplicate: nobody is known to compare.
      const same = r.patientId === '' ? undefined : this.db.prepare(`${RECEPTION_SELECT} WHERE r.acceptance_date = ? AND r.patient_id = ? AND r.department_code = ? AND r.physician_code = ?`)
        .get(r.date, r.patientId, r.departmentCode, r.physicianCode) as ReceptionDb | undefined;
      if (same) return { added: false, row: receptionOf(same) };
      const max = (this.db.prepare('SELECT max(CAST(acceptance_id AS INTEGER)) AS m FROM receptions WHERE acceptance_date = ?').get(r.date) as { m: number | null }).m ?? 0;
      const row: OrcaReceptionRow = { ...r, acceptanceId: String(max + 1).padStart(5, '0'), accountTime: null };
      this.db.prepare('INSERT INTO receptions VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)')
        .run(row.date, row.acceptanceId, row.time, row.patientId, row.departmentCode, row.physicianCode, row.medicalInformation, row.insuranceCombination);
      if (r.patientId === '') this.db.prepare('INSERT INTO reception_names VALUES (?, ?, ?)').run(row.date, row.acceptanceId, r.wholeName ?? '');
      return { added: true, row };
    })();
  }

  /** acceptmodv2 03: a reception made by name only gets its patient (and their insurance combination);
   *  the name it was made under is dropped, ORCA then shows the patient's. */
  attachPatient(date: string, acceptanceId: string, patientId: string, insuranceCombination: string): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE receptions SET patient_id = ?, insurance_combination = ? WHERE acceptance_date = ? AND acceptance_id = ? AND patient_id = ''")
        .run(normalizePatientId(patientId), insuranceCombination, date, acceptanceId);
      this.db.prepare('DELETE FROM reception_names WHERE acceptance_date = ? AND acceptance_id = ?').run(date, acceptanceId);
    })();
  }

  /** ORCA deletes a cancelled reception: it leaves every list. */
  deleteReception(date: string, acceptanceId: string): void {
    this.db.prepare('DELETE FROM receptions WHERE acceptance_date = ? AND acceptance_id = ?').run(date, acceptanceId);
    this.db.prepare('DELETE FROM reception_names WHERE acceptance_date = ? AND acceptance_id = ?').run(date, acceptanceId);
  }

  /** 会計済: the cashier's side (incomev3, backoffice/orca/income/) records the time the bill was settled. */
  markAccounted(date: string, acceptanceId: string, time: string): void {
    this.db.prepare('UPDATE receptions SET account_time = ? WHERE acceptance_date = ? AND acceptance_id = ?').run(time, date, acceptanceId);
  }

  close(): void { this.db.close(); }
}

export function openOrcaStore(dataDir: string): OrcaStore {
  return new OrcaStore(openSqliteFile(dataDir, 'orca.db'));
}
