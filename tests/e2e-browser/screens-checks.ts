// What a resident would notice on any screen, measured in the page: text in the wrong language,
// a box whose content runs out of it, content outside the viewport or under the demo tray, a page
// that scrolls. Each check returns readable findings ("en idle: 「カード」 in <p.lead>"), so one run
// lists every problem instead of stopping at the first.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The test runner's TypeScript loader names inner functions with a `__name` helper the page lacks. */
async function definePageHelpers(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (f) => f');
}

/**
 * The languages a screen sweep looks at. `npm test` (quick): 日本語 (with furigana) and English — the
 * longest text, where boxes overflow — while tests/unit/i18n-scripts.test.ts checks every Chinese and
 * Korean message for stray Japanese script; `npm run test:a11y` sets MADOGUCHI_SWEEP=full: all four,
 * each rendered and measured. Kept quick so npm test fits its time on two cores.
 */
export const SWEEP_LANGS: readonly (readonly ['ja' | 'en' | 'zh' | 'ko', string])[] = process.env.MADOGUCHI_SWEEP === 'full'
  ? [['ja', '日本語'], ['en', 'English'], ['zh', '中文'], ['ko', '한국어']]
  : [['ja', '日本語'], ['en', 'English']];

/** Proper nouns from the registry (names as registered) may appear in any language. */
export function registryNames(): string[] {
  const profiles = JSON.parse(readFileSync(new URL('../../simulators/vcard/profiles.json', import.meta.url), 'utf8')) as { name: string; nameAlt?: string }[];
  const names = profiles.flatMap((p) => [p.name, p.nameAlt ?? '']).filter(Boolean);
  // The demo back office's extra household members (backoffice/demo) are registry names too.
  return [...names, '山田\u3000うめ'];
}

/** Japanese script that has no place in this language's text (zh shares the kanji, not the kana). */
export const FOREIGN_SCRIPT: Record<'en' | 'zh' | 'ko', string> = {
  en: '[\\u3040-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff\\uff01-\\uff60]',
  zh: '[\\u3040-\\u30ff]',
  ko: '[\\u3040-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff]',
};

/** Visible text in `lang` that contains script of another language (elements marked with their own lang are skipped). */
export async function wrongScript(page: Page, lang: 'en' | 'zh' | 'ko', names: string[]): Promise<string[]> {
  await definePageHelpers(page);
  return page.evaluate(({ pattern, names }) => {
    const re = new RegExp(pattern);
    const out: string[] = [];
    const pageLang = document.documentElement.lang;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !el.checkVisibility()) continue;
      const own = el.closest('[lang]')?.getAttribute('lang');
      if (own && own !== pageLang) continue;
      let text = n.textContent ?? '';
      for (const name of names) text = text.split(name).join('');
      if (re.test(text)) out.push(`「${(n.textContent ?? '').trim().slice(0, 60)}」 in <${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}>`);
    }
    return out;
  }, { pattern: FOREIGN_SCRIPT[lang], names });
}

/**
 * Boxes whose content runs out of them, elements outside the viewport or under the (closed) demo
 * tray, and a page taller or wider than the viewport. Visually hidden helpers (1 px clip) are skipped.
 */
export async function overflows(page: Page): Promise<string[]> {
  await definePageHelpers(page);
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const label = (el: Element) => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}>「${text}」`;
    };
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollHeight > vh + 1) out.push(`the page scrolls: ${root.scrollHeight} px tall in ${vh}`);
    if (root.scrollWidth > vw + 1) out.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${vw}`);
    const tray = document.querySelector<HTMLElement>('[data-testid="card-tray"]');
    const trayOpen = tray?.classList.contains('open') ?? false;
    const trayTop = tray ? tray.getBoundingClientRect().top : vh;
    if (tray && trayOpen && tray.getBoundingClientRect().height > vh * 0.4) out.push(`the open tray covers ${Math.round((tray.getBoundingClientRect().height / vh) * 100)}% of the screen`);
    for (const el of document.body.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || !el.checkVisibility()) continue;
      if (el.closest('.sr-only, rt, rp, svg')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      const block = style.display !== 'inline' && style.display !== 'contents';
      // Content wider than its box (text running out of a button, a cell, a card).
      if (block && style.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0) out.push(`${label(el)} overflows its box by ${el.scrollWidth - el.clientWidth} px`);
      // Inside the open tray, holders scrolled out of its own box are reached by scrolling the tray.
      const inOpenTray = trayOpen && tray !== el && tray?.contains(el);
      if (!inOpenTray && (r.left < -1 || r.right > vw + 1 || r.bottom > vh + 1 || r.top < -1)) out.push(`${label(el)} is outside the viewport (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)})`);
      // With the tray closed, nothing of the screen may sit under it.
      if (tray && !trayOpen && !tray.contains(el) && el.closest('main') && r.bottom > trayTop + 1) out.push(`${label(el)} is under the demo tray (bottom ${Math.round(r.bottom)} > ${Math.round(trayTop)})`);
    }
    return [...new Set(out)];
  });
}
