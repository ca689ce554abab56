import { useMemo, useRef, useState } from 'react';
import { Button, Collapse, Group, PasswordInput, Stack, Text, UnstyledButton } from '@mantine/core';
import {
  GENERATED_PASSWORD_MAX_LENGTH,
  GENERATED_PASSWORD_MIN_LENGTH,
  defaultPasswordGeneratorOptions,
  generatePassword,
  type PasswordGeneratorOptions,
} from '../../../shared/password-generator';
import { PASSWORD_MIN_LENGTH, temporaryPasswordSchema } from '../../../shared/password-policy';
import { GeneratorOptions } from './generator-options';
import { generatePassphrase } from '../../../shared/passphrase';
import { loadWordList } from '../lib/word-list';
import { StrengthMeter } from './strength-meter';
import { FIELD_MAX } from '../../../shared/field-limits';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  /** The account's email: the rules reject passwords containing it, and the meter penalises it. */
  email?: string;
  /** The field's error from its form (the contract's schema carries the policy), after a submit. */
  error?: React.ReactNode;
  withGenerator?: boolean;
  autoComplete?: string;
}

export function PasswordField({
  label,
  value,
  onChange,
  email,
  error,
  withGenerator = true,
  autoComplete = 'new-password',
}: Props) {
  const [visible, setVisible] = useState(false);
  const [options, setOptions] = useState<PasswordGeneratorOptions>(defaultPasswordGeneratorOptions);
  const [optionsOpen, setOptionsOpen] = useState(false);
  const lastGenerated = useRef<string | null>(null);
  // Before a submit, the policy's verdict as a hint while typing: the same schema the form checks.
  const policy = useMemo(() => temporaryPasswordSchema(email), [email]);
  const violation = value ? policy.safeParse(value).error?.issues[0]?.message : undefined;

  async function generate(next: PasswordGeneratorOptions = options) {
    const length = Math.min(GENERATED_PASSWORD_MAX_LENGTH, Math.max(GENERATED_PASSWORD_MIN_LENGTH, next.length));
    const password = next.passphrase
      ? generatePassphrase(await loadWordList(), { email })
      : generatePassword({ ...next, length });
    lastGenerated.current = password;
    onChange(password);
    setVisible(true);
  }

  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <PasswordInput
          label={label}
          maxLength={FIELD_MAX.password}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          visible={visible}
          onVisibilityChange={setVisible}
          description={`At least ${PASSWORD_MIN_LENGTH} characters. Must not contain the email address or the word “nexus”.`}
          error={error}
          autoComplete={autoComplete}
          spellCheck={false}
          style={{ flex: 1 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        {withGenerator && (
          <Button variant="default" onClick={() => void generate()} mb={error ? 22 : 0}>
            Generate
          </Button>
        )}
      </Group>
      <StrengthMeter password={value} userInputs={email ? [email, email.split('@')[0] ?? ''] : []} />
      {!error && violation && (
        <Text size="sm" className="text-error" role="status">
          {violation}
        </Text>
      )}
      {withGenerator && (
        <>
          <UnstyledButton
            onClick={() => setOptionsOpen((open) => !open)}
            aria-expanded={optionsOpen}
            fz="sm"
            className="text-link"
            w="fit-content"
          >
            {optionsOpen ? 'Hide generator options' : 'Generator options'}
          </UnstyledButton>
          <Collapse expanded={optionsOpen}>
            <GeneratorOptions
              options={options}
              onChange={(next) => {
                setOptions(next);
                // Options apply to a generated password at once; a typed one is left alone.
                if (value && value === lastGenerated.current) void generate(next);
              }}
            />
          </Collapse>
        </>
      )}
    </Stack>
  );
}
