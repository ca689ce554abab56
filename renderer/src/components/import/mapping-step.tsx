import { Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ColumnMapping } from '../../../../shared/csv/import-formats';
import { learnAbout } from '../../lib/use-import-check';
import { useImportStore } from '../../stores/import-store';
import { STEP_FOCUS } from './use-step-focus';

const FIELDS: { key: keyof ColumnMapping; label: string; description: string }[] = [
  { key: 'email', label: 'Email', description: 'Required' },
  { key: 'name', label: 'Full name', description: 'Or first and last name below' },
  { key: 'firstName', label: 'First name', description: 'Joined with the last name' },
  { key: 'lastName', label: 'Last name', description: '' },
  { key: 'role', label: 'Role', description: 'Empty: the Default role' },
  { key: 'password', label: 'Password', description: 'Empty: invite, or generate one' },
];
const NONE = 'none';

/** For a file no template explains: which column is what, starting from the console's guesses. */
export function MappingStep() {
  const file = useImportStore((s) => s.file);
  const applyMapping = useImportStore((s) => s.applyMapping);
  const reset = useImportStore((s) => s.reset);
  const initial = Object.fromEntries(FIELDS.map(({ key }) => [key, file?.recognised.mapping[key]?.toString() ?? NONE]));
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: initial,
    validate: { email: (value) => (value === NONE ? 'Choose the column with the email addresses' : null) },
  });
  if (!file) return null;
  const options = [
    { value: NONE, label: '— not in the file —' },
    ...file.parsed.header.map((header, index) => {
      const sample = file.parsed.rows.find((row) => row.cells[index]?.trim())?.cells[index]?.trim() ?? '';
      return {
        value: String(index),
        label: `${header || `Column ${index + 1}`}${sample ? ` (e.g. ${sample.slice(0, 30)})` : ''}`,
      };
    }),
  ];

  return (
    <form
      onSubmit={form.onSubmit((values) => {
        const mapping: ColumnMapping = {
          ...file.recognised.mapping,
          changePasswordAtNextSignIn: file.recognised.mapping.changePasswordAtNextSignIn,
        };
        for (const { key } of FIELDS) mapping[key] = values[key] === NONE ? null : Number(values[key]);
        applyMapping(mapping);
        // Planned creates are looked up by the preview (use-account-check.ts), once each.
        void learnAbout(
          useImportStore.getState().rows.map((row) => row.email),
          [],
        );
      })}
    >
      <Stack gap="md">
        <Text size="sm">
          This file doesn't follow a template the console knows. Tell it which column holds what; its guesses are filled
          in.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {FIELDS.map(({ key, label, description }, index) => (
            <Select
              {...(index === 0 ? STEP_FOCUS : {})}
              key={form.key(key)}
              label={label}
              description={description}
              data={options}
              allowDeselect={false}
              {...form.getInputProps(key)}
            />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={reset}>
            Choose another file
          </Button>
          <Button type="submit">Continue</Button>
        </Group>
      </Stack>
    </form>
  );
}
