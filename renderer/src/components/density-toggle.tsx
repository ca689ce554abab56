import { SegmentedControl } from '@mantine/core';
import { useAfterFirstPaint } from '../lib/after-first-paint';
import { useSetting, useSettingLocked, useSettingsStore } from '../stores/settings-store';
import classes from './density-toggle.module.css';

const OPTIONS = [
  { value: 'comfortable', label: 'Comfortable' },
  { value: 'compact', label: 'Compact' },
];

/**
 * Comfortable or compact rows. The choice is the ListDensity setting, so it is remembered per
 * admin (settings.json) and an organization may preset or lock it (then the toggle is absent).
 * The SegmentedControl mounts after the console's first frame (issue 16): its moving indicator
 * measures both items as it mounts, a forced layout of the whole page before the rows are
 * painted. Until then a stand-in of the same size and look, not focusable and hidden from
 * assistive technology, like the filters' (`members-toolbar.tsx`).
 */
export function DensityToggle() {
  const density = useSetting('ListDensity');
  const locked = useSettingLocked('ListDensity');
  const ready = useAfterFirstPaint();
  if (locked) return null;
  if (!ready) {
    return (
      <div className={classes.standIn} aria-hidden="true" data-testid="density-stand-in">
        {OPTIONS.map((option) => (
          <span key={option.value} className={classes.label} data-active={option.value === density || undefined}>
            {option.label}
          </span>
        ))}
      </div>
    );
  }
  return (
    <SegmentedControl
      aria-label="List density"
      size="xs"
      value={density}
      data={OPTIONS}
      onChange={(value) =>
        void useSettingsStore
          .getState()
          .update({ ListDensity: value })
          .catch(() => undefined)
      }
    />
  );
}
