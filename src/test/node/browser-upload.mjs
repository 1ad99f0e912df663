// Drives Debian's Chromium (never a downloaded browser) with playwright-core through the example page,
// the way a person would: pick a file, fill the form, press Upload, read what the page shows.
// Input (one JSON argument): {url, chromium, file, fields?, widget?: {uploadPrefix}, screenshot}
// Output (last line): {outcome: "result"|"error", publicId, error, percent, console: [...], requests: [...]}
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const input = JSON.parse(process.argv[2]);
const browser = await chromium.launch({
  executablePath: input.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const output = { console: [], requests: [] };
const page = await browser.newPage({ viewport: { width: 900, height: 760 } });
try {
  page.on('console', (message) => output.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => output.console.push(`pageerror: ${error.message}`));
  page.on('request', (request) => output.requests.push(`${request.method()} ${request.url()}`));
  if (input.widget) {
    // The real widget script comes from Cloudinary's CDN, which this machine cannot reach: serve a
    // stand-in that keeps the widget's uploadSignature contract and posts to the Cloudinary stand-in.
    const standIn = readFileSync(new URL('./upload-widget-standin.js', import.meta.url), 'utf8')
      .replace('__UPLOAD_PREFIX__', input.widget.uploadPrefix);
    await page.route('https://upload-widget.cloudinary.com/**', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: standIn }));
  }
  await page.goto(input.url);
  if (input.widget) {
    const open = page.getByRole('button', { name: 'Open the Upload Widget' });
    await open.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=widget-options]')?.textContent !== '…'
      || document.querySelector('[data-testid=error]'), null, { timeout: 15_000 });
    output.widgetOptions = JSON.parse(await page.getByTestId('widget-options').textContent());
    await open.click();
    await page.setInputFiles('#uw-standin-file', input.file);
  } else {
    await page.setInputFiles('[data-testid=file]', input.file);
    for (const [name, value] of Object.entries(input.fields ?? {})) {
      await page.fill(`[name=${name}]`, value);
    }
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
  }
  const outcome = page.locator('[data-testid=result], [data-testid=error]');
  await outcome.first().waitFor({ timeout: 20_000 });
  output.outcome = (await page.getByTestId('result').count()) ? 'result' : 'error';
  if (output.outcome === 'result') output.publicId = await page.getByTestId('public-id').textContent();
  else output.error = await page.getByTestId('error').textContent();
  if (!input.widget) output.percent = await page.getByTestId('percent').textContent();
  mkdirSync(dirname(input.screenshot), { recursive: true });
  await page.screenshot({ path: input.screenshot, fullPage: true });
} catch (error) {
  // Keep what the page showed, to tell why.
  output.failure = error.message;
  output.body = await page.locator('body').innerText().catch(() => '');
  mkdirSync(dirname(input.screenshot), { recursive: true });
  await page.screenshot({ path: input.screenshot.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
console.log(JSON.stringify(output));
