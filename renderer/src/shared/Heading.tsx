// Every screen has one heading, focused on arrival so a screen reader starts there.
import { useFocusOnMount } from '../app/hooks';
import { T } from '../app/prefs';
import type { MessageKey } from '../i18n';

export function Heading({ k, vars }: { k: MessageKey; vars?: Record<string, number | string> }) {
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <h1 ref={ref} tabIndex={-1}>
      <T k={k} {...(vars ? { vars } : {})} />
    </h1>
  );
}
