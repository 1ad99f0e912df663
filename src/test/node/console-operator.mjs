// Drives Debian's Chromium (never a downloaded browser) with playwright-core through the console's
// Operators tab, the way a person would, with the keyboard where it matters: paste an operator's API
// key, open the tab, read the last decisions, filter them, look up a caller's limits; then paste an
// ordinary client's key and read why the operator pages are refused.
// Input (one JSON argument): {url, chromium, operatorKey, clientKey, screenshots: {operator, refused}}
// Output (last line): {decisions, filteredRows: [...], limits, accounts, refused, refusedDetail,
//   pageText, console: [...]}
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const input = JSON.parse(process.argv[2]);
const browser = await chromium.launch({
  executablePath: input.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const output = { console: [] };
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });

async function useCredential(key) {
  await page.selectOption('#auth-kind', 'api-key');
  await page.getByLabel('API key or bearer token').fill(key);
  await page.getByRole('button', { name: 'Use', exact: true }).click();
}

try {
  page.on('console', (message) => output.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => output.console.push(`pageerror: ${error.message}`));
  await page.goto(input.url);
  await useCredential(input.operatorKey);
  await page.getByRole('tab', { name: 'Operators' }).click();
  const table = page.getByTestId('operator-decisions-table');
  await table.waitFor({ timeout: 15_000 });
  output.decisions = await table.innerText();
  await page.getByTestId('operator-accounts-table').waitFor({ timeout: 15_000 });
  output.accounts = await page.getByTestId('operator-accounts-table').innerText();

  // Filter by keyboard: type the caller, choose the outcome, press Enter in a field.
  await page.getByLabel('Only this caller').fill('web');
  await page.getByLabel('Outcome').selectOption('refused');
  await page.press('#operator-decisions-caller', 'Enter');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid=operator-decisions-table] tbody tr')];
    return rows.length > 0 && rows.every((row) => row.innerText.includes('refused'));
  }, null, { timeout: 15_000 });
  output.filteredRows = await page.locator('[data-testid=operator-decisions-table] tbody tr').allInnerTexts();

  await page.getByLabel('Caller', { exact: true }).fill('web');
  await page.press('#operator-limits-caller', 'Enter');
  await page.getByTestId('operator-limits-table').waitFor({ timeout: 15_000 });
  output.limits = await page.getByTestId('operator-limits-table').innerText();
  output.pageText = await page.locator('body').innerText();
  mkdirSync(dirname(input.screenshots.operator), { recursive: true });
  await page.screenshot({ path: input.screenshots.operator, fullPage: true });

  // An ordinary client: the tab is open, the pages reload with the new credential and are refused.
  await page.getByRole('button', { name: 'Forget' }).click();
  await useCredential(input.clientKey);
  await page.getByTestId('operator-refused').waitFor({ timeout: 15_000 });
  output.refused = await page.getByTestId('operator-access').innerText();
  output.refusedDetail = await page.locator('[data-testid=operator-access] [data-testid=problem-detail]').innerText();
  output.tablesAfterRefusal = await page.locator('[data-testid^=operator-][data-testid$=-table]').count();
  output.pageText += '\n' + await page.locator('body').innerText();
  await page.screenshot({ path: input.screenshots.refused, fullPage: true });
} catch (error) {
  output.failure = error.message;
  output.body = await page.locator('body').innerText().catch(() => '');
  mkdirSync(dirname(input.screenshots.operator), { recursive: true });
  await page.screenshot({ path: input.screenshots.operator.replace(/\.png$/, '-failure.png'), fullPage: true })
    .catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
  console.log(JSON.stringify(output));
}
