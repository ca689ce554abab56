import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { ensureWebBuild, type WebBuild } from '../electron/web-host/renderer-build';
import { startWebHost } from '../electron/web-host/web-host';
import { chromiumLaunchOptions } from '../scripts/chromium-launch';
import type { BenchRig } from './rig';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const DATA_ROW = '[role="grid"] [role="row"][data-index]';

/** What the probe logs once the rows are painted (the bench waits for it; see firstRows). */
const PAINTED_MESSAGE = 'nexus-bench: first rows painted';

/**
 * Records, in the page's own clock (0 = navigation start), when the first member row is in the
 * DOM and the frame after, and says so on the console.
 */
const FIRST_ROWS_PROBE = `(() => {
  window.__bench = { inserted: null, painted: null };
  const seen = () => document.querySelector('[role="row"][data-member-id]');
  const observer = new MutationObserver(() => {
    if (window.__bench.inserted !== null || !seen()) return;
    window.__bench.inserted = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__bench.painted = performance.now();
      console.debug('${PAINTED_MESSAGE}');
    }));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export interface UiResult {
  firstRowsMs: number[];
  domRows: number[];
  scrollFillMs: number[];
  /** JS heap after a forced GC with the first page shown (before any scrolling). */
  heapFirstPageMb: number;
  /** The same after scrolling the whole list (the page LRU must keep it flat: ≤ 1.2× the first). */
  heapMb: number;
  /** The highest row index drawn at the last scroll stop (the last member is total − 1). */
  lastRowIndex: number;
  build: WebBuild;
}

async function firstRows(browser: Browser, url: string): Promise<{ ms: number; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(FIRST_ROWS_PROBE);
  // Waits for the probe's console message, not with `waitForFunction`: that makes Playwright
  // evaluate its injected script (≈ 330 KB) in the page while it loads, 15–35 ms of the page's
  // main thread before the first rows that the console does not spend (issue 16, in a trace).
  const painted = page.waitForEvent('console', {
    predicate: (message) => message.text() === PAINTED_MESSAGE,
    timeout: 30_000,
  });
  await page.goto(url);
  await painted;
  // A function, not a string: the console's CSP has no 'unsafe-eval'. No DOM types here (Node), hence `any`.
  const ms = await page.evaluate(() => (globalThis as Any).__bench.painted as number);
  return { ms, page };
}

/** Scrolls the grid from top to bottom in `steps` jumps; after each, waits for real rows and counts the rows in the DOM. */
async function scrollThrough(
  page: Page,
  steps: number,
): Promise<{ domRows: number[]; fillMs: number[]; lastRowIndex: number }> {
  const grid = page.getByRole('grid', { name: 'Members' });
  const domRows: number[] = [];
  const fillMs: number[] = [];
  let lastRowIndex = -1;
  for (let step = 0; step <= steps; step++) {
    const start = performance.now();
    await grid.evaluate((element, fraction) => {
      element.scrollTop = fraction * (element.scrollHeight - element.clientHeight);
    }, step / steps);
    await page.waitForFunction(
      (selector) => {
        const rows = [...(globalThis as Any).document.querySelectorAll(selector)] as Any[];
        return rows.length > 0 && rows.every((row) => row.getAttribute('aria-busy') !== 'true');
      },
      DATA_ROW,
      { timeout: 15_000, polling: 'raf' },
    );
    fillMs.push(performance.now() - start);
    domRows.push(await page.locator(DATA_ROW).count());
    if (step === steps)
      lastRowIndex = Math.max(
        ...(await page
          .locator(DATA_ROW)
          .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-index'))))),
      );
  }
  return { domRows, fillMs, lastRowIndex };
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usage.usedSize / (1024 * 1024);
}

/**
 * The console in Chromium through the browser host, on the data dir of a core that already has
 * the org cached (that core must be closed first: one process owns cache.db at a time).
 */
export async function measureUi(
  rig: BenchRig,
  dataDir: string,
  runs: number,
  steps: number,
  log: (line: string) => void,
): Promise<UiResult> {
  const build = await ensureWebBuild({ log });
  const host = await startWebHost({
    dataDir,
    defaultServerUrl: rig.url,
    secretStore: rig.secretStore,
    syncIntervalMs: 0,
    web: build,
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const firstRowsMs: number[] = [];
    let last: Page | null = null;
    // Run 0 is a warm-up (Chromium's own first start, the host's first WebSocket); not counted.
    for (let run = 0; run <= runs; run++) {
      if (last) await last.context().close();
      const { ms, page } = await firstRows(browser, host.launchUrl());
      if (run > 0) firstRowsMs.push(ms);
      last = page;
    }
    const page = last!;
    const cdp = await page.context().newCDPSession(page);
    // Once the console is settled: the parts mounted after its first frame, and the screens and
    // dialogs preloaded at idle (their code is on the heap too, and would otherwise count as growth).
    await page.getByRole('combobox', { name: 'Status' }).waitFor();
    await page.waitForLoadState('networkidle');
    const heapFirstPageMb = await heapAfterGc(cdp);
    const { domRows, fillMs, lastRowIndex } = await scrollThrough(page, steps);
    const heapMb = await heapAfterGc(cdp);
    log(
      `ui: first rows ${firstRowsMs.map((ms) => ms.toFixed(0)).join(', ')} ms; rows in DOM ${Math.min(...domRows)}–${Math.max(...domRows)}; last row drawn at the bottom: index ${lastRowIndex}; heap ${heapFirstPageMb.toFixed(1)} MB at the first page, ${heapMb.toFixed(1)} MB after scrolling`,
    );
    return { firstRowsMs, domRows, scrollFillMs: fillMs, heapFirstPageMb, heapMb, lastRowIndex, build };
  } finally {
    await browser.close();
    await host.close();
  }
}
