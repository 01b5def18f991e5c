// Configuration published to kiosks when an operator has not published their own: fees within the
// ordinance ranges of kiosk-domain.md §1.6, 個人番号 printing off, age floor 15, 6:30–23:00.
import type { KioskConfigT } from './schemas';

export function defaultKioskConfig(municipalityCode: string): Omit<KioskConfigT, 'version'> {
  return {
    fees: { juminhyo: 200, juminhyo_kisai: 200, inkan: 200, koseki: 350, fuhyo: 200, zei: 200 },
    municipality: { code: municipalityCode, name: '見本市', printMyNumber: false, ageFloor: 15, offered: ['juminhyo', 'juminhyo_kisai', 'inkan', 'fuhyo', 'zei'] },
    printerPolicy: { jobTimeoutSeconds: 120, pollSeconds: 3 },
    serviceHours: { open: '06:30', close: '23:00', closedDates: ['12-29', '12-30', '12-31', '01-01', '01-02', '01-03'] },
  };
}
