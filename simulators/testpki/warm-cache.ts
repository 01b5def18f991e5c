// Derives and caches the test PKI's keys ahead of a test run, and reports how long that took.
// Usage: node --import tsx simulators/testpki/warm-cache.ts [holders=13] [cacheDir]
import { loadTestPki } from './index';

const holders = Number(process.argv[2] ?? 13);
const t0 = performance.now();
const pki = await loadTestPki(process.argv[3] ? { cacheDir: process.argv[3] } : {});
for (let i = 0; i < holders; i++) {
  await pki.issueHolder({
    id: `warm-${i}`, name: '試験 太郎', sex: '1', dob: '19900102', address: '東京都清瀬市中里一丁目1番地',
    prefectureRomaji: 'Tokyo-to', cityRomaji: 'Kiyose-shi', issuedAt: '2025-10-27', withSignCert: true,
  });
}
const ms = performance.now() - t0;
console.log(`test PKI: ${4 + holders * 2} keys (${pki.keysGenerated()} derived, the rest from cache), 4 roots + ${holders * 2} certificates in ${ms.toFixed(0)} ms`);
