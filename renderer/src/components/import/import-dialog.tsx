import { useEffect } from 'react';
import { Modal } from '@mantine/core';
import { defaultRoleId, useGrantableRoles } from '../../stores/roles-store';
import { useOpenedAfterMount } from '../../lib/use-opened-after-mount';
import { useImportStore } from '../../stores/import-store';
import { FileStep } from './file-step';
import { MappingStep } from './mapping-step';
import { PreviewStep } from './preview-step';
import { ResultsStep } from './results-step';
import { useImportHistory } from './use-import-history';
import { useStepFocus } from './use-step-focus';

const TITLES = {
  choose: 'Import CSV',
  mapping: 'Import CSV: match the columns',
  preview: 'Import CSV: check the rows',
  results: 'Import CSV: results',
};

/**
 * **Import CSV**: choose a file → (columns, for unknown headers) → preview and fix → queue →
 * results as the rows sync. The import's state lives in a store, so closing the dialog and
 * opening it again after sync still shows the results; core keeps each import's record, so a
 * reload or a restart does too.
 */
export function ImportDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const step = useImportStore((s) => s.step);
  const roles = useGrantableRoles();
  const defaultRole = useImportStore((s) => s.choices.defaultRoleId);
  const setChoices = useImportStore((s) => s.setChoices);
  useEffect(() => {
    if (defaultRole === null && roles.length > 0) setChoices({ defaultRoleId: defaultRoleId(roles) });
  }, [defaultRole, roles, setChoices]);
  useStepFocus(step, opened);
  useImportHistory(opened);
  const shown = useOpenedAfterMount(opened);

  return (
    <Modal
      opened={shown}
      onClose={onClose}
      title={TITLES[step]}
      fullScreen
      styles={{ body: { display: 'flex', flexDirection: 'column', height: 'calc(100vh - 70px)' } }}
    >
      {step === 'choose' && <FileStep />}
      {step === 'mapping' && <MappingStep />}
      {step === 'preview' && <PreviewStep />}
      {step === 'results' && <ResultsStep onClose={onClose} />}
    </Modal>
  );
}
