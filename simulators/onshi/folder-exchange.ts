// The terminal's shared-folder exchange: it takes each request file from req (names in
// common/onshi/file-names.ts), answers in res with the result file of the same id, in the request's
// encoding, and removes the request. A file it cannot read is answered with an error result
// (SegmentOfResult 9, ErrorCode EOQS2001), never a crash. Files are picked up by polling the folder
// (fs.watch misses renames on some file systems); answers are written under a dot-name and renamed.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isKioskError } from '../../common/errors';
import {
  buildEligibilityResult, detectEncoding, isInProgress, parseQualificationRequest, parseReferenceRegistrationRequest, parseRequestFileName,
  resultFileName, type EligibilityResultFields, type RequestKind, type XmlEncoding,
} from '../../common/onshi';
import { jstStamp, type EligibilityBook } from './service';

export const POLL_INTERVAL_MS = 25;

export interface FolderExchange { close(): void; scan(): void }

function errorResult(now: Date, medicalInstitutionCode: string, code: 'EOQS2001' | 'EOQS3001', message: string, afi?: string): EligibilityResultFields {
  const { time, date } = jstStamp(now);
  return {
    header: {
      ProcessExecutionTime: time, QualificationConfirmationDate: date, MedicalInstitutionCode: medicalInstitutionCode,
      ...(afi ? { ArbitraryFileIdentifier: afi } : {}), SegmentOfResult: '9', ErrorCode: code, ErrorMessage: message,
    },
    body: { ProcessingResultStatus: '2', ProcessingResultCode: code, ProcessingResultMessage: message },
    results: [],
  };
}

/** The ArbitraryFileIdentifier of a file that failed validation, when it can still be read. */
function afiOf(bytes: Uint8Array): string | undefined {
  const m = /<ArbitraryFileIdentifier>([A-Za-z0-9+/=_-]{1,64})<\/ArbitraryFileIdentifier>/.exec(Buffer.from(bytes).toString('latin1'));
  return m?.[1];
}

export function startFolderExchange(o: {
  reqDir: string; resDir: string; book: EligibilityBook; medicalInstitutionCode: string; now: () => Date; isDown: () => boolean;
  onError?: (err: unknown) => void;
}): FolderExchange {
  const answer = (kind: RequestKind, bytes: Uint8Array): { fields: EligibilityResultFields; encoding: XmlEncoding } => {
    let encoding: XmlEncoding = 'Shift_JIS';
    try {
      encoding = detectEncoding(bytes);
      if (kind === 'numberCheck') return { fields: o.book.answerNumbers(parseQualificationRequest(bytes)), encoding };
      const req = parseReferenceRegistrationRequest(bytes);
      const { unknown } = o.book.registerBatch(req);
      if (unknown > 0) {
        return { fields: errorResult(o.now(), o.medicalInstitutionCode, 'EOQS3001', `照会番号の登録対象が見つかりません（${unknown}件）`, req.header.ArbitraryFileIdentifier), encoding };
      }
      const { time, date } = jstStamp(o.now());
      return {
        encoding,
        fields: {
          header: { ProcessExecutionTime: time, QualificationConfirmationDate: date, MedicalInstitutionCode: o.medicalInstitutionCode, ArbitraryFileIdentifier: req.header.ArbitraryFileIdentifier, SegmentOfResult: '1' },
          body: { ProcessingResultStatus: '1' }, results: [],
        },
      };
    } catch (err) {
      if (!isKioskError(err)) throw err;
      return { fields: errorResult(o.now(), o.medicalInstitutionCode, 'EOQS2001', `要求ファイルの形式に誤りがあります: ${err.message}`.slice(0, 380), afiOf(bytes)), encoding };
    }
  };

  const scan = () => {
    if (o.isDown()) return; // the terminal is off: requests wait in req
    let names: string[];
    try {
      names = readdirSync(o.reqDir);
    } catch {
      return;
    }
    for (const name of names) {
      if (isInProgress(name)) continue;
      const parsed = parseRequestFileName(name);
      if (!parsed) continue;
      const path = join(o.reqDir, name);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(path));
      } catch {
        continue; // taken away meanwhile
      }
      try {
        const { fields, encoding } = answer(parsed.kind, bytes);
        const out = join(o.resDir, resultFileName(parsed.kind, parsed.id));
        const tmp = join(o.resDir, `.${resultFileName(parsed.kind, parsed.id)}.tmp`);
        writeFileSync(tmp, buildEligibilityResult(fields, encoding));
        renameSync(tmp, out);
        rmSync(path, { force: true });
      } catch (err) {
        // The terminal keeps serving the folder whatever one file does (e.g. res not writable):
        // the request stays in req and is tried again on the next scan.
        o.onError?.(err);
      }
    }
  };
  const timer = setInterval(scan, POLL_INTERVAL_MS);
  timer.unref();
  return { close: () => clearInterval(timer), scan };
}
