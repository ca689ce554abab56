import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useOpenedAfterMount } from '../lib/use-opened-after-mount';

interface Props {
  opened: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  /** The label of the button that closes without doing anything. */
  keepLabel?: string;
  danger?: boolean;
  onConfirm(): Promise<unknown> | void;
  onClose(): void;
}

/** Before anything destructive: says what will happen, and the safe choice has focus. */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  keepLabel = 'Keep',
  danger = true,
  onConfirm,
  onClose,
}: Props) {
  const [busy, setBusy] = useState(false);
  // Mounted open on first use (Remove from org in the members list loads lazily): focus goes back on close.
  const shown = useOpenedAfterMount(opened);
  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={shown} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm" component="div">
          {children}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {keepLabel}
          </Button>
          <Button color={danger ? 'red' : undefined} loading={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
