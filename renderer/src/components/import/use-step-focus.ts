import { useEffect, useRef } from 'react';

/** The attribute a step puts on the element that should take focus when the step appears. */
export const STEP_FOCUS = { 'data-import-step-focus': true } as const;

/**
 * Each step of the import replaces the one before, and the element that had focus (Choose file…,
 * Continue, Queue N members, Import another file) goes with it: focus fell to the page body,
 * where Escape no longer closes the dialog and Tab starts over outside it. When the step changes
 * while the dialog is open, focus moves to the new step's marked element instead.
 */
export function useStepFocus(step: string, opened: boolean): void {
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!opened) {
      shown.current = null;
      return;
    }
    const previous = shown.current;
    shown.current = step;
    if (previous === null || previous === step) return; // the Modal focuses its first field on open
    document.querySelector<HTMLElement>('[data-import-step-focus]')?.focus();
  }, [step, opened]);
}
