import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

type Scheme = 'light' | 'dark';

async function setScheme(page: Page, scheme: Scheme) {
  // What Mantine's toggle does: the attribute drives every colour. Used here so an open dialog
  // can be checked in both themes without closing it.
  await page.evaluate((value) => document.documentElement.setAttribute('data-mantine-color-scheme', value), scheme);
}

/** axe (WCAG 2 A and AA) on what is on screen now, in the light and the dark theme. */
export async function expectAccessible(page: Page, what: string) {
  const before = await page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
  for (const scheme of ['light', 'dark'] as const) {
    await setScheme(page, scheme);
    // Contrast is measured on a settled page: no transition running (a modal or a notification
    // fading in is measured half transparent, e.g. 2.26:1 for a toast arriving on the Activity
    // screen). Endless animations (a loader's spin) never settle and change no colour.
    await page.waitForFunction(() =>
      document
        .getAnimations()
        .every(
          (animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity,
        ),
    );
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const problems = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1).join(' ').trim()}`)
          .join('\n'),
    );
    expect(problems, `axe on ${what} (${scheme} theme)`).toEqual([]);
  }
  if (before) await setScheme(page, before as Scheme);
}
