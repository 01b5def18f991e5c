// Accessibility checks run inside the kiosk page: axe-core injected through the browser's debugging
// protocol (CDP Runtime.evaluate), so the app's real CSP stays on; the 200 % reflow check; the focus
// ring's contrast against what it sits on. Figures go to test-results/a11y for `npm run test:a11y`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const A11Y_DIR = join(process.cwd(), 'test-results', 'a11y');

async function evaluate<T>(cdp: CDPSession, expression: string): Promise<T> {
  const r = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`in page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  return r.result.value as T;
}

/** axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now; violations as "id: target". */
export async function axeViaCdp(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    if (!(await evaluate<boolean>(cdp, 'typeof globalThis.axe === "object"'))) await evaluate(cdp, axeSource);
    return await evaluate<string[]>(cdp, `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
      .then((r) => r.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' '))))`);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Interactive elements that are cut off: each must fit inside the viewport once scrolled to, stay
 * within the page's width (no sideways scrolling), and not be covered by anything else.
 */
export async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    if (document.documentElement.scrollWidth > vw + 1) out.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
    // A scrolling part of the page (the screen, a dialog) must not hide content sideways either.
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const ox = getComputedStyle(el).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1 && !el.classList.contains('sr-only')) {
        out.push(`${el.tagName.toLowerCase()}.${el.className}: content ${el.scrollWidth}px wide in ${el.clientWidth}px`);
      }
    }
    const items = [...document.querySelectorAll<HTMLElement>('button, a[href], [tabindex="0"], input')].filter((el) => el.getClientRects().length > 0 && !el.closest('[inert]'));
    for (const el of items) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      const name = (el.textContent ?? el.getAttribute('aria-label') ?? el.tagName).trim().slice(0, 30);
      if (r.left < -0.5 || r.right > vw + 0.5 || r.top < -0.5 || r.bottom > vh + 0.5) out.push(`${name}: outside the viewport (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)})`);
      else if (el.scrollWidth > el.clientWidth + 2) out.push(`${name}: text cut off inside (${el.scrollWidth} > ${el.clientWidth})`);
      else {
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (hit && !el.contains(hit) && !hit.contains(el)) out.push(`${name}: covered by ${hit.tagName}.${hit.className}`);
      }
    }
    window.scrollTo(0, 0);
    return out;
  });
}

// A string, not a function: the test's transpiler would add helpers the page does not have.
const RING_SCRIPT = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const lum = (c) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const style = getComputedStyle(el);
  let bgEl = el.parentElement;
  let bg = [255, 255, 255];
  while (bgEl) {
    const c = rgb(getComputedStyle(bgEl).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3] > 0.9)) { bg = c.slice(0, 3); break; }
    bgEl = bgEl.parentElement;
  }
  const ring = rgb(style.outlineColor).slice(0, 3);
  const [hi, lo] = [lum(ring), lum(bg)].sort((p, q) => q - p);
  const key = el.tagName + '.' + el.className + '|' + (el.textContent || '').trim().slice(0, 20);
  return { key, visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, ratio: (hi + 0.05) / (lo + 0.05) };
})()`;

/**
 * Tabs through every control of the page and measures the focus ring against the colour it sits
 * on (the nearest opaque background outside the control): WCAG 1.4.11 asks ≥ 3:1. Answers the failures.
 */
export async function weakFocusRings(page: Page, maxTabs = 40): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate<{ key: string; visible: boolean; ratio: number } | null>(RING_SCRIPT);
    if (!r) continue;
    if (seen.has(r.key)) break;
    seen.add(r.key);
    if (!r.visible || r.ratio < 3) out.push(`${r.key}: ring ${r.visible ? r.ratio.toFixed(2) + ':1' : 'missing'}`);
  }
  return out;
}

/** One figure file per test file; `tests/e2e-browser/a11y-summary.ts` adds them up. */
export function writeFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(A11Y_DIR, { recursive: true });
  writeFileSync(join(A11Y_DIR, `${name}.json`), JSON.stringify(figures, null, 2));
}
