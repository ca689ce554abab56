import { useEffect } from 'react';
import { useMantineColorScheme } from '@mantine/core';
import { useNexusEvent } from '../lib/use-nexus-event';
import { waitForBridge } from '../lib/nexus';
import { useSetting, useSettingsStore } from '../stores/settings-store';

/** Loads the settings at start, follows `settings.changed`, and applies what the whole app shows (theme). */
export function SettingsEffects() {
  const load = useSettingsStore((s) => s.load);
  const apply = useSettingsStore((s) => s.apply);
  const loaded = useSettingsStore((s) => s.state !== null);
  const theme = useSetting('Theme');
  const { setColorScheme } = useMantineColorScheme();

  useEffect(() => {
    void waitForBridge().then((ok) => {
      if (ok) void load();
    });
  }, [load]);
  useNexusEvent('settings.changed', apply);

  useEffect(() => {
    if (loaded && (theme === 'light' || theme === 'dark' || theme === 'auto')) setColorScheme(theme);
  }, [loaded, theme, setColorScheme]);

  return null;
}
