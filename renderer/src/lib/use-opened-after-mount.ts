import { useEffect, useState } from 'react';

/**
 * `opened` for a Mantine Modal that may mount already open (a lazily loaded dialog, mounted on
 * its first use): false for the first render, then `opened`. Mantine's Modal remembers the
 * element to give focus back to only when `opened` changes after mount (useFocusReturn's
 * useDidUpdate), so a dialog mounted open sent focus to the page body when it closed and a
 * keyboard user started over from the top of the page. One render later, focus is still on the
 * button that opened it.
 */
export function useOpenedAfterMount(opened: boolean): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return opened && mounted;
}
