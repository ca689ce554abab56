import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { cssVariablesResolver, theme } from './theme';
import { Root } from './root';
import { SettingsEffects } from './settings-effects';

/** Providers only. `defaultColorScheme="auto"` follows the OS until the admin picks a theme. */
export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      {/* Under dialogs (Modal is 200): a toast never covers a dialog's buttons; it shows again when the dialog closes. */}
      <Notifications position="bottom-right" zIndex={150} />
      <SettingsEffects />
      <Root />
    </MantineProvider>
  );
}
