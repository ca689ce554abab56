import { createTheme, Modal, Notification, type CSSVariablesResolver } from '@mantine/core';

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
  components: {
    // Mantine's close "×" has no accessible name of its own.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    // The same for notifications; and a notification's text under its title is gray.6 (3.3:1).
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-text)' } },
    }),
  },
});

const TINTED = ['blue', 'green', 'violet', 'orange', 'red', 'gray', 'yellow', 'teal'] as const;

/**
 * WCAG AA contrast fixes: dimmed text one shade darker in the light theme (gray.6 on white is only
 * 3.3:1), and the text of "light" variants (badges, alerts, light buttons) darkened, since shade 8
 * on its own tint is under 4.5:1 for small text.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    ...Object.fromEntries(
      TINTED.map((color) => [
        `--mantine-color-${color}-light-color`,
        `color-mix(in srgb, ${t.colors[color]![9]} 70%, black)`,
      ]),
    ),
  },
  dark: { '--mantine-color-dimmed': t.colors.dark[1]! },
});
