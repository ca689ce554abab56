import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Code, Divider, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { settingTable, type SettingKey } from '../../../shared/settings/setting-table';
import { DiagnosticsPanel } from '../components/diagnostics-panel';
import { SettingField } from '../components/setting-field';
import { errorMessage } from '../lib/error-message';
import { toConsoleError } from '../lib/nexus';
import { settingsChanges, settingsFormSchema, toFormValues, type SettingsFormValues } from '../lib/settings-form';
import { useSettingsStore } from '../stores/settings-store';

const GROUPS = ['Server', 'Security', 'Sync', 'Appearance'] as const;

/**
 * **Settings**: every setting of the table with its value and source. One set by the
 * organization shows "Set by your organization" and cannot be changed; a bad value gets its
 * field's error and nothing is saved.
 */
export function SettingsScreen() {
  const state = useSettingsStore((s) => s.state);
  const values = useSettingsStore((s) => s.values);
  const locked = useSettingsStore((s) => s.locked);
  const load = useSettingsStore((s) => s.load);
  const update = useSettingsStore((s) => s.update);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const schema = useMemo(() => settingsFormSchema(locked), [locked]);

  const form = useForm<SettingsFormValues>({
    mode: 'controlled',
    initialValues: toFormValues(values),
    validate: schemaResolver(schema, { sync: true }),
  });

  useEffect(() => {
    void load();
  }, [load]);
  // Core's answer (or another window's change) is the truth: the form starts from it again.
  useEffect(() => {
    form.setInitialValues(toFormValues(values));
    form.setValues(toFormValues(values));
    form.resetDirty(toFormValues(values));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `form` is stable; follow the saved values only
  }, [values]);

  async function save(formValues: SettingsFormValues) {
    const { set, reset } = settingsChanges(formValues, values, locked);
    if (Object.keys(set).length === 0 && reset.length === 0) return;
    setSaving(true);
    setSaveError(null);
    try {
      await update(set, reset);
      notifications.show({ color: 'green', message: 'Settings saved.' });
    } catch (error) {
      const shape = toConsoleError(error);
      if (shape.fields?.length) form.setErrors(Object.fromEntries(shape.fields.map((f) => [f.path, f.message])));
      setSaveError(errorMessage(shape));
    } finally {
      setSaving(false);
    }
  }

  if (!state) {
    return (
      <Group>
        <Loader size="sm" aria-label="Loading settings" />
      </Group>
    );
  }
  const lockedCount = state.settings.filter((s) => s.locked).length;

  return (
    <ScrollArea component="main" aria-labelledby="settings-heading" style={{ flex: 1 }} offsetScrollbars>
      <Stack gap="lg" maw={760} pb="xl">
        <div>
          <Title order={1} size="h3" id="settings-heading">
            Settings
          </Title>
          <Text size="sm" c="dimmed">
            {lockedCount > 0
              ? `${lockedCount} ${lockedCount === 1 ? 'setting is' : 'settings are'} set by your organization.`
              : 'Your organization sets none of these.'}{' '}
            {state.policyOrigin && (
              <>
                Organization policies are read from <Code>{state.policyOrigin}</Code>.
              </>
            )}
          </Text>
        </div>
        {state.notices.length > 0 && (
          <Alert color="yellow" role="status" title="Some settings could not be used">
            <Stack gap={4}>
              {state.notices.map((notice) => (
                <Text size="sm" key={notice}>
                  {notice}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        <form onSubmit={form.onSubmit((v) => void save(v))} noValidate aria-label="Settings">
          <Stack gap="lg">
            {GROUPS.map((group) => (
              <Stack gap="sm" key={group} component="section" aria-label={group}>
                <Title order={2} size="h4">
                  {group}
                </Title>
                {state.settings
                  .filter((s) => settingTable[s.key as SettingKey]?.group === group)
                  .map((setting) => (
                    <SettingField key={setting.key} setting={setting} form={form} />
                  ))}
              </Stack>
            ))}
            {saveError && (
              <Alert color="red" role="alert" title="Settings not saved">
                {saveError}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={saving} disabled={!form.isDirty()}>
                Save settings
              </Button>
              <Button variant="subtle" disabled={!form.isDirty()} onClick={() => form.reset()}>
                Undo changes
              </Button>
            </Group>
          </Stack>
        </form>
        <Divider />
        <DiagnosticsPanel logFolder={state.logFolder} />
      </Stack>
    </ScrollArea>
  );
}
