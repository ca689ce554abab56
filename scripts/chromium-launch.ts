/**
 * How every tool here starts Chromium: Debian's build (Playwright's own browser download cannot
 * work on these machines), headless, with the flags that keep it off the network. Without the
 * background-networking flags Chromium keeps trying hosts this closed network refuses.
 * Used by playwright.config.ts, the screenshot script and the UI benchmark.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
