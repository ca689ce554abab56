import { useEffect, useState } from 'react';

/** How long to wait for a closing dialog to give focus back before opening anyway. */
const FOCUS_RETURN_WAIT_MS = 250;

/**
 * Focus is in a (closing) dialog, or lost to the body while a dialog is still on screen (its busy
 * button was disabled, then it closed). Focus on the body with no dialog around is no reason to wait.
 */
function focusNotOnThePage(): boolean {
  const active = document.activeElement;
  if (active && active !== document.body) return active.closest('[role="dialog"]') !== null;
  return document.querySelector('[role="dialog"]') !== null;
}

/**
 * `opened` for a Mantine Modal, delayed until focus is where it should go back to on close.
 * Mantine's Modal remembers the element to give focus back to when `opened` turns true after
 * mount (useFocusReturn's useDidUpdate), taking whatever has focus then. Two ways that went wrong:
 * - a dialog that mounts already open (lazily loaded, mounted on first use) never saw `opened`
 *   change, so it sent focus to the page body on close: it opens one render after mount;
 * - a dialog opened as another one closes (Add Member, Change Password or Resend credentials,
 *   then the temporary password) remembered the button inside the closing dialog, which is gone
 *   by then, or the page body where focus fell while that button was busy: it opens once the
 *   closing dialog has given focus back to its own opener (Mantine does that 10 ms after closing),
 *   so the chain ends on the button that started it.
 * Either way a keyboard user would start over from the top of the page.
 */
export function useOpenedAfterMount(opened: boolean): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!opened) {
      setShown(false);
      return;
    }
    if (!focusNotOnThePage()) {
      setShown(true);
      return;
    }
    const show = () => setShown(true);
    // Never kept closed: if the other dialog does not give focus back, open anyway.
    const fallback = window.setTimeout(show, FOCUS_RETURN_WAIT_MS);
    const onFocusIn = () => {
      if (!focusNotOnThePage()) show();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      window.clearTimeout(fallback);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [opened]);
  return opened && shown;
}
