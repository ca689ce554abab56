import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, type RenderResult } from '@testing-library/react';
import { theme } from '../src/app/theme';
import { FakeNexus } from './fake-nexus';

function Providers({ children }: { children: React.ReactNode }) {
  return (
    <MantineProvider theme={theme} env="test">
      <Notifications />
      {children}
    </MantineProvider>
  );
}

/** Renders inside the app's providers with `window.nexus` set to the given fake. */
export function renderWithNexus(ui: React.ReactElement, nexus: FakeNexus): RenderResult {
  window.nexus = nexus;
  return render(ui, { wrapper: Providers });
}
