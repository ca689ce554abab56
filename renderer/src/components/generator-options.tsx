import { Checkbox, Group, NumberInput, Stack } from '@mantine/core';
import {
  GENERATED_PASSWORD_MAX_LENGTH,
  GENERATED_PASSWORD_MIN_LENGTH,
  type PasswordGeneratorOptions,
} from '../../../shared/password-generator';

interface Props {
  options: PasswordGeneratorOptions;
  onChange(options: PasswordGeneratorOptions): void;
}

const SETS: { key: 'lowercase' | 'uppercase' | 'digits' | 'symbols'; label: string }[] = [
  { key: 'lowercase', label: 'Lowercase (a–z)' },
  { key: 'uppercase', label: 'Uppercase (A–Z)' },
  { key: 'digits', label: 'Digits (0–9)' },
  { key: 'symbols', label: 'Symbols (!#$…)' },
];

export function GeneratorOptions({ options, onChange }: Props) {
  const chosen = SETS.filter((set) => options[set.key]).length;
  return (
    <Stack gap="xs">
      <NumberInput
        label="Length"
        description={`${GENERATED_PASSWORD_MIN_LENGTH}–${GENERATED_PASSWORD_MAX_LENGTH} characters`}
        min={GENERATED_PASSWORD_MIN_LENGTH}
        max={GENERATED_PASSWORD_MAX_LENGTH}
        clampBehavior="blur"
        allowDecimal={false}
        value={options.length}
        onChange={(value) => {
          const length = typeof value === 'number' ? value : Number.parseInt(value, 10);
          if (Number.isFinite(length)) onChange({ ...options, length });
        }}
        w={160}
      />
      <Group gap="md">
        {SETS.map((set) => (
          <Checkbox
            key={set.key}
            label={set.label}
            checked={options[set.key]}
            // The last chosen set cannot be unticked: a password needs some characters.
            disabled={options[set.key] && chosen === 1}
            onChange={(e) => onChange({ ...options, [set.key]: e.currentTarget.checked })}
          />
        ))}
      </Group>
      <Checkbox
        label="Read-aloud passphrase (6 common words)"
        description="Words from the EFF list, easier to read over the phone and to type"
        checked={options.passphrase ?? false}
        onChange={(e) => onChange({ ...options, passphrase: e.currentTarget.checked })}
      />
      <Checkbox
        label="Avoid look-alike characters (l, 1, O, 0 …)"
        checked={options.avoidLookAlikes}
        onChange={(e) => onChange({ ...options, avoidLookAlikes: e.currentTarget.checked })}
      />
    </Stack>
  );
}
