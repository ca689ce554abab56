import type { ReactNode } from 'react';
import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useAfterFirstPaint } from '../lib/after-first-paint';
import { useSettingLocked, useSettingsStore } from '../stores/settings-store';

export function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false });
  // The theme is a setting: a toggle is remembered as the admin's own, and absent when the organization set it.
  const locked = useSettingLocked('Theme');
  const next = computed === 'dark' ? 'light' : 'dark';
  const label = `Switch to ${next} theme`;
  // The tooltip (a floating element) mounts after the first frame; the button is named either way.
  const tooltipReady = useAfterFirstPaint();
  if (locked) return null;
  const toggle = () => {
    setColorScheme(next);
    void useSettingsStore
      .getState()
      .update({ Theme: next })
      .catch(() => undefined);
  };
  const button = (
    <ActionIcon variant="default" size="lg" aria-label={label} onClick={toggle}>
      {computed === 'dark' ? <SunIcon /> : <MoonIcon />}
    </ActionIcon>
  );
  return tooltipReady ? <Tooltip label={label}>{button}</Tooltip> : button;
}

/** The 18 px outline style both theme icons share; only their shapes differ. */
function StrokeIcon({ children }: { children: ReactNode }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

function SunIcon() {
  return (
    <StrokeIcon>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </StrokeIcon>
  );
}

function MoonIcon() {
  return (
    <StrokeIcon>
      <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
    </StrokeIcon>
  );
}
