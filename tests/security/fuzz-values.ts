// Values for the route fuzz (fuzz-routes.test.ts), all drawn from one seeded PRNG so a failure
// reproduces from the printed seed: bodies generated from the OpenAPI JSON schemas (mostly valid,
// then bent at the boundaries: lengths, integers, types, missing and extra fields, nesting), path
// parameters (known records, junk, broken %-encodings) and headers.

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!,
  };
}
export type Rng = ReturnType<typeof prng>;

export type Schema = {
  type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[];
  enum?: unknown[]; const?: unknown; minLength?: number; maxLength?: number; minimum?: number; maximum?: number; minItems?: number; maxItems?: number;
  pattern?: string; format?: string; additionalProperties?: boolean | Schema; propertyNames?: Schema;
};

/** Plausible values by field name: what a kiosk would send, or what exists in the store. */
export interface Known { kioskIds: string[]; refs: string[]; requestIds: string[]; issuanceIds: string[] }

const ODD_STRINGS = ['', ' ', '\u0000', '\u202e', '𠮷野家', 'ｱｲｳ', '"', '\\', '%', '%00', '../..', '<script>', "' OR 1=1 --", '\ud800', 'null', '0', '-1', '1e309', 'a'.repeat(101), 'x'.repeat(5000)];
const ODD_NUMBERS = [0, -0, 1, -1, 0.5, -0.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, Number.MIN_VALUE, 299.9999999999];

export function oddValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 8)) {
    case 0: return r.pick(ODD_STRINGS);
    case 1: return r.pick(ODD_NUMBERS);
    case 2: return r.pick([true, false]);
    case 3: return null;
    case 4: return r.int(1000);
    case 5: return r.pick(['juminhyo', 'certificate.paid', 'cash', 'self', 'hospital', '271276', '20000101']);
    case 6: return Array.from({ length: r.int(4) }, () => oddValue(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(['a', 'requestId', 'paid', '__proto__', 'constructor', 'kind']), oddValue(r, depth + 1)]));
  }
}

/** A version-4 UUID from the seeded generator. */
function uuid(r: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => r.int(16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${r.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

function stringFor(name: string, s: Schema, r: Rng, known: Known): string {
  if (s.enum) return String(r.pick(s.enum));
  if (/kioskId/.test(name)) return r.pick(known.kioskIds);
  if (/requestId|reprintId/.test(name) || s.format === 'uuid') return r.chance(0.7) ? r.pick(known.requestIds) : uuid(r);
  if (/Ref$|^key$|challengeId/.test(name)) return r.chance(0.5) ? r.pick(known.refs) : `f-${r.int(50)}`;
  if (/medicalInstitutionCode/.test(name)) return String(1_000_000_000 + r.int(1000));
  if (/insurerNumber/.test(name)) return r.pick(['06130017', '138123', '01130012']);
  if (/birthdate|dob/.test(name)) return `19${50 + r.int(50)}0${1 + r.int(9)}1${r.int(10)}`;
  if (/Branch/.test(name)) return String(r.int(100)).padStart(2, '0');
  if (/Der|signature/.test(name)) return Buffer.from(Array.from({ length: r.int(64) + 1 }, () => r.int(256))).toString('base64');
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, 200);
  const len = r.pick([min, max, min + r.int(Math.max(1, max - min + 1))]);
  const alphabet = s.pattern?.includes('A-Za-z0-9._:-') ? 'abcXYZ019._:-' : 'abcあ漢 -_1';
  return Array.from({ length: len }, () => alphabet[r.int(alphabet.length)]).join('');
}

function numberFor(s: Schema, r: Rng, integer: boolean): number {
  const min = s.minimum ?? -1000;
  const max = Math.min(s.maximum ?? 100_000, 1e15);
  const v = r.pick([min, max, 0, 1, 300, min + r.next() * Math.min(max - min, 100_000)]);
  return integer ? Math.round(v) : v;
}

/** A value the schema accepts (as far as the generator knows field meanings). */
export function validValue(name: string, s: Schema, r: Rng, known: Known, depth = 0): unknown {
  if (s.const !== undefined) return s.const;
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return validValue(name, r.pick(alts), r, known, depth + 1);
  const type = Array.isArray(s.type) ? r.pick(s.type) : s.type;
  switch (type) {
    case 'object': {
      const props = s.properties ?? {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) if ((s.required ?? []).includes(k) || r.chance(0.5)) out[k] = validValue(k, v, r, known, depth + 1);
      if (!s.properties && depth < 4) for (let i = r.int(3); i > 0; i--) out[`k${r.int(9)}`] = oddValue(r, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.min(s.maxItems ?? 5, Math.max(s.minItems ?? 0, r.int(6)));
      return Array.from({ length: n }, () => validValue(name, s.items ?? {}, r, known, depth + 1));
    }
    case 'string': return stringFor(name, s, r, known);
    case 'integer': return numberFor(s, r, true);
    case 'number': return numberFor(s, r, false);
    case 'boolean': return r.chance(0.5);
    case 'null': return null;
    default: return depth > 3 ? null : oddValue(r, depth);
  }
}

/** A valid value, then bent: a field dropped, retyped, pushed past a bound, or an extra field added. */
export function bentValue(name: string, s: Schema, r: Rng, known: Known): unknown {
  const v = validValue(name, s, r, known);
  if (!v || typeof v !== 'object' || Array.isArray(v) || r.chance(0.25)) return v;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(s.properties ?? obj);
  for (let i = 1 + r.int(2); i > 0 && keys.length; i--) {
    const k = r.pick(keys);
    const field = s.properties?.[k] ?? {};
    switch (r.int(6)) {
      case 0: delete obj[k]; break;
      case 1: obj[k] = oddValue(r); break;
      case 2: obj[k] = typeof obj[k] === 'number' ? r.pick([-1, 0.5, (field.maximum ?? 1e9) + 1, -(2 ** 60), 1e300]) : 'x'.repeat((field.maxLength ?? 100) + 1); break;
      case 3: obj[`extra${r.int(3)}`] = oddValue(r); break;
      case 4: if (field.type === 'array' || field.anyOf) obj[k] = Array.from({ length: r.int(3) }, () => bentValue(k, field.items ?? {}, r, known)); else obj[k] = bentValue(k, field, r, known); break;
      default: obj[k] = validValue(k, field, r, known);
    }
  }
  return obj;
}

/** A path parameter: a known record, junk, or a broken %-encoding. */
export function pathParam(name: string, r: Rng, known: Known): string {
  switch (r.int(8)) {
    case 0: return r.pick(['%', '%E0%A4%A', '%C0%AF', '%ZZ', '%ED%A0%80', 'a%00b', '%25', '%2F..%2F']);
    case 1: return encodeURIComponent(r.pick(ODD_STRINGS.filter((x) => x && !/[\ud800-\udfff]/.test(x))));
    case 2: return 'z'.repeat(r.pick([99, 100, 101, 2000]));
    case 3: return encodeURIComponent(`f-${r.int(50)}`);
    default: {
      const pool = name === 'kioskId' ? known.kioskIds : name === 'issuanceId' ? known.issuanceIds : known.refs;
      return encodeURIComponent(r.pick(pool));
    }
  }
}

/** A raw body that is not what the schema wants: broken JSON, other JSON, deep nesting, noise. */
export function junkBody(r: Rng): string | Buffer {
  switch (r.int(9)) {
    case 0: return '';
    case 1: return r.pick(['{', '}', '{"a":', 'nul', '[1,]', '{"a":1}}', '\u0000', '\ufeff{}', '{"__proto__":{"x":1}}']);
    case 2: return JSON.stringify(oddValue(r));
    case 3: return '['.repeat(r.pick([31, 33, 5000])) + ']'.repeat(r.int(2) ? 0 : 5000);
    case 4: return '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    case 5: return Buffer.from(Array.from({ length: r.int(300) }, () => r.int(256)));
    case 6: return `"${'\\u'.repeat(r.int(3))}${'x'.repeat(r.int(100))}"`;
    case 7: return JSON.stringify({ kioskId: 'kiosk-a', events: Array.from({ length: r.pick([0, 1, 1001]) }, () => ({})) });
    default: return JSON.stringify({ s: 'y'.repeat(r.pick([60_000, 70_000])) });
  }
}
