import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { cssVariablesResolver, theme } from './theme';
import { Root } from './root';
import { SettingsEffects } from './settings-effects';

/** Providers only. `defaultColorScheme="auto"` follows the OS until the admin picks a theme. */
export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="bottom-right" />
      <SettingsEffects />
      <Root />
    </MantineProvider>
  );
}
