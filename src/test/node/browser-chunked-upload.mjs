// Drives Debian's Chromium with playwright-core through the example page's upload of a big file in
// parts (an upload session), with the page's clock under the test's control: Playwright's fake clock
// runs at the real pace from the real time, and the test moves it forward between parts through a
// small control server on 127.0.0.1 (POST /advance?seconds=N answers once the page's clock moved).
// Its port is written to input.controlFile before the page opens.
// Input (one JSON argument): {url, chromium, file, fields?, controlFile, abortOnce?, screenshot}
// Output (last line): {outcome: "result"|"error", publicId, error, percent, parts: [...], clock: [...],
//   aborted?, console: [...], requests: [...]}
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const input = JSON.parse(process.argv[2]);
const browser = await chromium.launch({
  executablePath: input.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const output = { console: [], requests: [], clock: [] };
const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
const control = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  if (request.method !== 'POST' || url.pathname !== '/advance') {
    response.writeHead(404).end();
    return;
  }
  try {
    const seconds = Number(url.searchParams.get('seconds'));
    const before = await page.evaluate(() => Date.now());
    await page.clock.setSystemTime(before + seconds * 1000);
    output.clock.push(`advanced ${seconds} s at ${new Date(before).toISOString()}`);
    response.writeHead(204).end();
  } catch (error) {
    response.writeHead(500).end(error.message);
  }
});
await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
writeFileSync(input.controlFile, String(control.address().port));
try {
  page.on('console', (message) => output.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => output.console.push(`pageerror: ${error.message}`));
  page.on('request', (request) => output.requests.push(`${request.method()} ${request.url()}`));
  if (input.abortOnce) {
    // A network error on one part: the first request whose Content-Range starts with input.abortOnce
    // is dropped. Only then does the script route, since with any route Playwright answers CORS
    // preflights itself instead of the stand-in.
    let aborted = false;
    await page.route('**/upload', (route, request) => {
      if (!aborted && request.headers()['content-range']?.startsWith(input.abortOnce)) {
        aborted = true;
        output.aborted = request.headers()['content-range'];
        return route.abort('connectionreset');
      }
      return route.continue();
    });
  }
  await page.clock.install({ time: Date.now() });
  await page.goto(input.url);
  await page.setInputFiles('[data-testid=file]', input.file);
  for (const [name, value] of Object.entries(input.fields ?? {})) {
    await page.fill(`[name=${name}]`, value);
  }
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const outcome = page.locator('[data-testid=result], [data-testid=error]');
  await outcome.first().waitFor({ timeout: 60_000 });
  output.outcome = (await page.getByTestId('result').count()) ? 'result' : 'error';
  if (output.outcome === 'result') output.publicId = await page.getByTestId('public-id').textContent();
  else output.error = await page.getByTestId('error').textContent();
  output.percent = await page.getByTestId('percent').textContent();
  output.parts = await page.locator('[data-testid=parts] li').allTextContents();
  mkdirSync(dirname(input.screenshot), { recursive: true });
  await page.screenshot({ path: input.screenshot, fullPage: true });
} catch (error) {
  output.failure = error.message;
  output.body = await page.locator('body').innerText().catch(() => '');
  mkdirSync(dirname(input.screenshot), { recursive: true });
  await page.screenshot({ path: input.screenshot.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  control.close();
  await browser.close();
}
console.log(JSON.stringify(output));
