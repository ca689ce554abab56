import { createTheme } from '@mantine/core';

/**
 * Shade 8 of blue for filled controls: the default shade 6 fails WCAG AA contrast with white text.
 * Dimmed text is darkened for the same reason.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  focusRing: 'auto',
});
