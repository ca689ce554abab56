import { expect, type Page } from '@playwright/test';

/** Handover specs' steps: a cohort through Import CSV (generated passwords), and the Handover screen. */

/** Queued offline, the results say they are waiting; online, pass what they say instead (e.g. `2 created`). */
export async function importCohort(page: Page, emails: string[], results = `${emails.length} waiting`) {
  const csv = ['email,name,role,password', ...emails.map((email, i) => `${email},Cohort Person ${i + 1},member,`)].join(
    '\n',
  );
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: /^Import CSV/ });
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'cohort.csv', { type: 'text/csv' }));
    return data;
  }, csv);
  await dialog.getByTestId('import-drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(dialog.getByTestId('import-format')).toHaveText('Nexus Admin template');
  const generate = dialog.getByText('Generate a password');
  if (await generate.isVisible()) await generate.click();
  await expect(dialog.getByTestId('import-summary')).toHaveText(`${emails.length} ready, 0 with problems`);
  await dialog.getByRole('button', { name: `Queue ${emails.length} members` }).click();
  await expect(dialog.getByTestId('import-results').first().getByTestId('import-results-summary')).toContainText(
    results,
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

export async function openHandover(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^Handover/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Handover', level: 2 })).toBeVisible();
}
