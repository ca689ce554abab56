import { SegmentedControl } from '@mantine/core';
import { useSetting, useSettingLocked, useSettingsStore } from '../stores/settings-store';

/**
 * Comfortable or compact rows. The choice is the ListDensity setting, so it is remembered per
 * admin (settings.json) and an organization may preset or lock it (then the toggle is absent).
 */
export function DensityToggle() {
  const density = useSetting('ListDensity');
  const locked = useSettingLocked('ListDensity');
  if (locked) return null;
  return (
    <SegmentedControl
      aria-label="List density"
      size="xs"
      value={density}
      data={[
        { value: 'comfortable', label: 'Comfortable' },
        { value: 'compact', label: 'Compact' },
      ]}
      onChange={(value) =>
        void useSettingsStore
          .getState()
          .update({ ListDensity: value })
          .catch(() => undefined)
      }
    />
  );
}
