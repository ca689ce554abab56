import { Badge, Group, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { SettingState } from '../../../shared/contract/settings';
import { settingTable, type SettingKey } from '../../../shared/settings/setting-table';
import type { SettingsFormValues } from '../lib/settings-form';

const SOURCE_LABEL = { policy: 'Set by your organization', user: 'Your setting', default: 'Default' } as const;

/** One row of the Settings screen: the input its type needs, its source, and why it is locked. */
export function SettingField({
  setting,
  form,
}: {
  setting: SettingState;
  form: UseFormReturnType<SettingsFormValues>;
}) {
  const key = setting.key as SettingKey;
  const definition = settingTable[key];
  const readOnly = setting.locked || !definition.userSettable;
  const description = (
    <>
      {definition.description}
      {!setting.locked && !definition.userSettable && ' Only your organization can set this.'}
    </>
  );
  const label = (
    <Group gap="xs" component="span">
      <span>{definition.title}</span>
      <Badge
        size="xs"
        variant={setting.locked ? 'filled' : 'light'}
        color={setting.locked ? 'orange.9' : 'gray'}
        data-testid={`source-${key}`}
      >
        {SOURCE_LABEL[setting.source]}
      </Badge>
    </Group>
  );
  const props = form.getInputProps(key, { type: definition.type === 'boolean' ? 'checkbox' : 'input' });
  const common = { label, description, 'data-setting': key, disabled: readOnly };

  switch (definition.type) {
    case 'boolean':
      return <Switch {...common} {...props} />;
    case 'integer':
      return (
        <NumberInput
          {...common}
          {...props}
          allowDecimal={false}
          min={definition.min}
          max={definition.max}
          suffix={` ${definition.unit}`}
          w={360}
          clampBehavior="none"
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          {...props}
          data={definition.options.map((option) => ({
            value: option,
            label: option[0]!.toUpperCase() + option.slice(1),
          }))}
          allowDeselect={false}
          w={360}
        />
      );
    case 'url':
      return <TextInput {...common} {...props} placeholder="https://nexus.example.com" maw={520} />;
    case 'urlList': {
      const list = (setting.value as string[] | null) ?? [];
      return (
        <Stack gap={2} data-setting={key}>
          <Text size="sm" fw={500} component="div">
            {label}
          </Text>
          <Text size="xs" c="dimmed">
            {description}
          </Text>
          <Text size="sm">{list.length ? list.join(', ') : 'Any server'}</Text>
        </Stack>
      );
    }
  }
}
