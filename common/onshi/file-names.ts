// The REQ/RES file names of the 資格確認端末's shared folder. The official names are not public:
// these prefixes come from traces in third-party code (hospital-samples/onshi-result.fields.txt,
// kiosk-domain.md §3.1). Every name of the exchange is spelled here and nowhere else.
import { KioskError } from '../errors';

export const REQUEST_KINDS = {
  /** 資格確認 by insurance numbers (保険者番号/記号/番号/枝番/生年月日). */
  numberCheck: { request: 'OQSsiquc01req_', result: 'OQSsiquc01res_' },
  /** 照会番号 batch registration. */
  referenceRegistration: { request: 'OQSmuimm01req_', result: 'OQSmuimm01res_' },
} as const;

export type RequestKind = keyof typeof REQUEST_KINDS;

export const REQ_FOLDER = 'req';
export const RES_FOLDER = 'res';

/** A request is written under a dot-name and renamed into place, so a reader never sees half a file. */
export const isInProgress = (name: string): boolean => name.startsWith('.');

/** `<prefix><id>.xml`: the id is 1–80 letters, digits, '_' or '-'. */
const ID = /^[A-Za-z0-9_-]{1,80}$/;

export function requestFileName(kind: RequestKind, id: string): string {
  if (!ID.test(id)) throw new KioskError('input.invalid', `a request file id is 1–80 letters, digits, '_' or '-': ${id}`, { field: 'id' });
  return `${REQUEST_KINDS[kind].request}${id}.xml`;
}

/** The kind and id of a request file name, or null for any other file. */
export function parseRequestFileName(name: string): { kind: RequestKind; id: string } | null {
  for (const [kind, names] of Object.entries(REQUEST_KINDS) as [RequestKind, (typeof REQUEST_KINDS)[RequestKind]][]) {
    if (name.startsWith(names.request) && name.endsWith('.xml')) {
      const id = name.slice(names.request.length, -'.xml'.length);
      if (ID.test(id)) return { kind, id };
    }
  }
  return null;
}

/** The answer to request `<prefix>req_<id>.xml` is `<prefix>res_<id>.xml` in the res folder. */
export function resultFileName(kind: RequestKind, id: string): string {
  return `${REQUEST_KINDS[kind].result}${id}.xml`;
}
