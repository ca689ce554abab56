import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { HostConnectionGuard } from '../components/host-connection-banner';
import { useAfterFirstPaint } from '../lib/after-first-paint';
import { cssVariablesResolver, theme } from './theme';
import { Root } from './root';
import { SettingsEffects } from './settings-effects';

/** Providers only. `defaultColorScheme="auto"` follows the OS until the admin picks a theme. */
export function App() {
  // The toast container (six positioned stacks) mounts after the first frame; a toast shown before
  // waits in the notifications store and appears then.
  const toastsReady = useAfterFirstPaint();
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      {/* Under dialogs (Modal is 200): a toast never covers a dialog's buttons; it shows again when the dialog closes. */}
      {toastsReady && <Notifications position="bottom-right" zIndex={150} />}
      <SettingsEffects />
      <HostConnectionGuard>
        <Root />
      </HostConnectionGuard>
    </MantineProvider>
  );
}
