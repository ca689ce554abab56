import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { HandoverItem } from '../../../../shared/contract/handover';
import { errorMessage } from '../../lib/error-message';
import { call, toConsoleError } from '../../lib/nexus';
import classes from './print-slips.module.css';

interface Slip {
  item: HandoverItem;
  password: string;
}

/**
 * **Print slips**: one slip per person through the system print dialog. The console writes no
 * file; the slips exist in the page only while the print dialog is open, and the screen says that
 * paper is a copy of a secret.
 */
export function PrintSlips({ items, signInAddress }: { items: HandoverItem[]; signInAddress: string | null }) {
  const [slips, setSlips] = useState<Slip[] | null>(null);

  // Once the slips are in the page: print (the dialog blocks until closed), then drop them.
  useEffect(() => {
    if (!slips) return;
    window.print();
    setSlips(null);
  }, [slips]);

  async function print() {
    try {
      const revealed: Slip[] = [];
      for (const item of items)
        revealed.push({ item, password: (await call('handover.reveal', { id: item.id })).password });
      setSlips(revealed);
    } catch (err) {
      notifications.show({
        color: 'red',
        title: "Couldn't print the slips",
        message: errorMessage(toConsoleError(err)),
      });
    }
  }

  return (
    <Group gap="xs" wrap="nowrap">
      <Button variant="default" onClick={() => void print()} disabled={items.length === 0}>
        Print slips
      </Button>
      <Text size="xs" maw={260}>
        Paper is a copy of a secret: hand each slip to its person and shred the rest.
      </Text>
      {slips &&
        createPortal(
          <div className={`${classes.sheet} print-slips-root`} data-testid="print-slips">
            {slips.map(({ item, password }) => (
              <section key={item.id} className={classes.slip}>
                <p className={classes.name}>{item.name || item.email}</p>
                <p>Email: {item.email}</p>
                <p>
                  Temporary password: <span className={classes.password}>{password}</span>
                </p>
                {signInAddress && <p>Sign in at: {signInAddress}</p>}
                <p>You will choose your own password when you first sign in.</p>
              </section>
            ))}
          </div>,
          document.body,
        )}
    </Group>
  );
}
