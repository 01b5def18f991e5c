// Per-municipality certificate configuration (kiosk-domain.md §1.5–1.6): what is offered, fees,
// options, layouts, 外字 handling and service hours. The one source of these: the back office decides
// with it, and kiosks pull it (GET /v1/certificates/config, and inside their kiosk configuration,
// GET /v1/fleet/kiosks/{kioskId}/config). Stored as the config document 'certificates'; defaults below.
import { z } from 'zod';
import { CertificateType, Layout } from '../../common/backoffice-api';
import type { BackOfficeStore } from '../storage/store';

export const MunicipalityCertConfig = z.object({
  code: z.string().regex(/^\d{6}$/),
  prefecture: z.string(),
  name: z.string(),
  mayorTitle: z.string(),
  mayorName: z.string(),
  /** 職務代理者: the deputy's own post (e.g. 副市長) and name. */
  deputy: z.object({ title: z.string(), name: z.string() }).optional(),
  /** How this municipality ends its certifying sentences (every certificate alike): 証明する / 証明します. */
  closing: z.enum(['する', 'します']).optional(),
  offered: z.array(CertificateType),
  fees: z.record(CertificateType, z.number().int().min(0)),
  /** 個人番号 printing on a 住民票 (default off; a few municipalities opt in). */
  allowMyNumber: z.boolean(),
  layouts: z.array(Layout).min(1),
  /** 'refuse': names/addresses with 外字 (髙, 﨑 …) cannot be printed here; the window issues them. */
  externalCharacters: z.enum(['print', 'refuse']),
  ageFloor: z.number().int().min(0),
  /** Local time (JST) HH:MM, and MM-DD closed dates. */
  hours: z.object({ open: z.string().regex(/^\d{2}:\d{2}$/), close: z.string().regex(/^\d{2}:\d{2}$/), closedDates: z.array(z.string().regex(/^\d{2}-\d{2}$/)) }),
});
export type MunicipalityCertConfigT = z.infer<typeof MunicipalityCertConfig>;

export const CertificatesConfig = z.object({ municipalities: z.array(MunicipalityCertConfig).min(1) });
export type CertificatesConfigT = z.infer<typeof CertificatesConfig>;

const base = {
  mayorTitle: '市長', offered: [...CertificateType.options],
  fees: { juminhyo: 200, kisai: 200, inkan: 200 }, allowMyNumber: false, layouts: [...Layout.options],
  externalCharacters: 'print' as const, ageFloor: 15,
  hours: { open: '06:30', close: '23:00', closedDates: ['12-29', '12-30', '12-31', '01-01', '01-02', '01-03'] },
};

/** The demo municipalities of the virtual cards' residents, each with a different policy to exercise the rules. */
export function defaultCertificatesConfig(): CertificatesConfigT {
  return {
    municipalities: [
      { ...base, code: '132217', prefecture: '東京都', name: '清瀬市', mayorName: '見本\u3000一郎', allowMyNumber: true },
      // 川崎市: no 記載事項証明書 at kiosks, 外字 names go to the window (髙橋 household).
      { ...base, code: '141330', prefecture: '神奈川県', name: '川崎市', mayorName: '見本\u3000二郎', offered: ['juminhyo', 'inkan'], externalCharacters: 'refuse', fees: { juminhyo: 250, kisai: 250, inkan: 250 }, closing: 'します' },
      { ...base, code: '111074', prefecture: '埼玉県', name: 'さいたま市', mayorName: '見本\u3000三郎', deputy: { title: '副市長', name: '見本\u3000四郎' } },
      { ...base, code: '271276', prefecture: '大阪府', name: '大阪市', mayorName: '見本\u3000五郎', fees: { juminhyo: 300, kisai: 300, inkan: 300 } },
    ],
  };
}

export function municipalityConfig(cfg: CertificatesConfigT, code: string): MunicipalityCertConfigT | undefined {
  return cfg.municipalities.find((m) => m.code === code);
}

/** The configuration in force: the stored 'certificates' document, or the defaults when none is stored. */
export async function loadCertificatesConfig(store: Pick<BackOfficeStore, 'getConfig'>): Promise<CertificatesConfigT> {
  const doc = await store.getConfig('certificates');
  return doc ? CertificatesConfig.parse(JSON.parse(doc.body)) : defaultCertificatesConfig();
}
