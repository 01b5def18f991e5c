// A modal dialog keeps the keyboard: everything outside it is inert (no focus, no clicks, hidden
// from screen readers) while it is open, Tab and Shift+Tab cycle inside it, and focus returns to
// where it was when it closes (e.g. the 「係員」 button).
import { useEffect, type RefObject } from 'react';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function useModal(dialog: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The dialog's overlay is a child of .app; its siblings (header, main, the demo tray) go inert.
    const overlay = box.closest('.app > *') ?? box;
    const background = [...(overlay.parentElement?.children ?? [])].filter((el): el is HTMLElement => el !== overlay && el instanceof HTMLElement && !el.inert);
    for (const el of background) el.inert = true;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const items = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items.at(-1)!;
      const inside = box.contains(document.activeElement);
      if (e.shiftKey && (document.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      for (const el of background) el.inert = false;
      if (before?.isConnected) before.focus();
    };
  }, [dialog]);
}
