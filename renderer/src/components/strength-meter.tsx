import { useEffect, useState } from 'react';
import { Group, Progress, Text } from '@mantine/core';
import { loadStrengthChecker, type StrengthEstimate } from '../lib/password-strength';

const COLORS = ['red', 'red', 'yellow', 'teal', 'green'] as const;

/** zxcvbn-ts estimate; the dictionaries load on first use, so the meter may fill in a moment later. */
export function StrengthMeter({ password, userInputs }: { password: string; userInputs: string[] }) {
  const [estimate, setEstimate] = useState<StrengthEstimate | null>(null);
  const inputsKey = userInputs.join('\n');

  useEffect(() => {
    if (!password) {
      setEstimate(null);
      return;
    }
    let cancelled = false;
    loadStrengthChecker()
      .then((check) => {
        if (!cancelled) setEstimate(check(password, inputsKey.split('\n').filter(Boolean)));
      })
      .catch(() => {
        if (!cancelled) setEstimate(null);
      });
    return () => {
      cancelled = true;
    };
  }, [password, inputsKey]);

  if (!password) return null;
  const score = estimate?.score ?? 0;
  return (
    <Group gap="xs" wrap="nowrap" aria-live="polite">
      <Progress
        value={estimate ? (score + 1) * 20 : 0}
        color={COLORS[score]}
        aria-label="Password strength"
        style={{ flex: 1 }}
        size="sm"
      />
      <Text size="sm" miw={110}>
        {estimate ? `Strength: ${estimate.label}` : 'Checking strength…'}
      </Text>
    </Group>
  );
}
