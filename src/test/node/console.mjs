// Drives Debian's Chromium (never a downloaded browser) with playwright-core through Signet's built-in
// console at /console, the way a person would: by the labels of its fields, the names of its buttons
// and the keyboard. Reads what the page shows and saves a screenshot of each state.
// Input (one JSON argument): {url, chromium, apiKey, bearerToken, screenshots (a folder), cases: [{name, error,
//   params, algorithm?}], profile: {name, params}, refused: {params}}
// Output (last line): {console: [...], violations: [...], unlabelled: [...], keyboard: {...},
//   unauthenticated: {...}, cases: {<name>: {verdict, rows: {<param>: {diff, order, age}}, algorithmBad,
//   ageBad, hints, orderNotice}}, profile: {...}, refused: {...}, csp: {...}}
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const input = JSON.parse(process.argv[2]);
mkdirSync(input.screenshots, { recursive: true });
const shot = (name) => join(input.screenshots, `console-${name}.png`);
const browser = await chromium.launch({
  executablePath: input.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const output = { console: [], violations: [], requests: [], cases: {} };
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
let step = 'start';
try {
  page.on('console', (message) => output.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => output.console.push(`pageerror: ${error.message}`));
  page.on('request', (request) => output.requests.push(`${request.method()} ${request.url()}`));
  await page.exposeFunction('reportViolation', (v) => output.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.reportViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  const response = await page.goto(input.url);
  output.status = response.status();
  output.csp = { header: response.headers()['content-security-policy'] ?? null };
  await page.getByRole('tab', { name: 'Why is my signature invalid?' }).waitFor();

  step = 'labels';
  output.unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((field) => field.type !== 'hidden' && field.labels.length === 0)
    .map((field) => field.id || field.name || field.outerHTML.slice(0, 60)));

  step = 'keyboard';
  await page.getByRole('tab', { name: 'Why is my signature invalid?' }).focus();
  await page.keyboard.press('ArrowRight');
  const afterRight = await page.evaluate(() => ({
    selected: document.querySelector('[role=tab][aria-selected=true]')?.textContent,
    focused: document.activeElement?.textContent,
    visiblePanel: [...document.querySelectorAll('[role=tabpanel]')].find((p) => !p.hidden)?.id,
  }));
  await page.keyboard.press('ArrowLeft');
  output.keyboard = {
    afterRight,
    afterLeft: await page.evaluate(() => document.querySelector('[role=tab][aria-selected=true]')?.textContent),
  };

  step = 'unauthenticated';
  const first = input.cases[0];
  await fillDiagnosis(first);
  await page.getByRole('button', { name: 'Diagnose' }).click();
  await page.locator('#diag-output [data-testid=problem], #diag-output [data-testid=verdict]').first().waitFor();
  output.unauthenticated = await problem('#diag-output');
  await page.screenshot({ path: shot('unauthenticated'), fullPage: true });

  step = 'credential';
  await page.getByLabel('Credential type').selectOption('api-key');
  await page.getByLabel('API key or bearer token').fill(input.apiKey);
  await page.getByRole('button', { name: 'Use', exact: true }).click();
  output.authStatus = await page.getByTestId('auth-status').textContent();
  output.storage = await page.evaluate(() => ({
    local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
    fieldValue: document.getElementById('auth-secret').value,
  }));

  for (const item of input.cases) {
    step = `case ${item.name}`;
    await fillDiagnosis(item);
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await page.locator('#diag-output [data-testid=verdict], #diag-output [data-testid=problem]').first()
      .waitFor({ timeout: 15_000 });
    output.cases[item.name] = await page.evaluate(() => {
      const out = document.getElementById('diag-output');
      const rows = {};
      out.querySelectorAll('[data-testid=compare] tbody tr[data-param]').forEach((row) => {
        rows[row.dataset.param] = { diff: row.dataset.diff, order: row.dataset.order, age: row.dataset.age ?? null,
          text: row.innerText };
      });
      const text = (selector) => out.querySelector(selector)?.textContent ?? null;
      return {
        verdict: out.querySelector('[data-testid=verdict]')?.dataset.verdict ?? null,
        summary: text('[data-testid=summary]'),
        problem: text('[data-testid=problem]'),
        rows,
        ageBad: out.querySelector('[data-testid=timestamp-age]')?.dataset.bad ?? null,
        ageText: text('[data-testid=timestamp-age]'),
        algorithmBad: out.querySelector('[data-testid=algorithm]')?.dataset.bad ?? null,
        algorithmText: text('[data-testid=algorithm]'),
        cloudinaryString: text('[data-testid=cloudinary-string]'),
        signetString: text('[data-testid=signet-string]'),
        marked: [...out.querySelectorAll('[data-testid=cloudinary-string] .seg, [data-testid=signet-string] .seg')]
          .filter((seg) => !seg.classList.contains('seg-same')).map((seg) => seg.dataset.param),
        orderNotice: text('[data-testid=order]'),
        hints: [...out.querySelectorAll('[data-testid=hints] li')].map((li) => li.textContent),
      };
    });
    await page.screenshot({ path: shot(`diagnose-${item.name}`), fullPage: true });
  }

  step = 'profile';
  await page.getByRole('tab', { name: 'Try a profile' }).click();
  const select = page.getByLabel('Profile', { exact: true });
  await page.locator('#profile-name option[value]:not([value=""])').first().waitFor({ state: 'attached' });
  output.profileNames = await page.$$eval('#profile-name option', (options) => options.map((o) => o.value));
  await select.selectOption(input.profile.name);
  await page.locator(`#profile-description[data-profile="${input.profile.name}"] [data-testid=allowed]`).waitFor();
  output.explainEnabled = await page.getByLabel(/Show the string to sign/).isEnabled();
  await page.getByLabel('Parameters to sign').fill(JSON.stringify(input.profile.params));
  if (output.explainEnabled) await page.getByLabel(/Show the string to sign/).check();
  await page.getByRole('button', { name: 'Sign these parameters' }).click();
  await page.locator('#profile-result [data-testid=signed], #profile-result [data-testid=problem]').first().waitFor();
  output.profile = await page.evaluate(() => {
    const out = document.getElementById('profile-result');
    const rows = {};
    out.querySelectorAll('[data-testid=signed-params] tbody tr[data-param]').forEach((row) => {
      const cells = row.querySelectorAll('td');
      rows[row.dataset.param] = { status: row.dataset.status, sent: cells[0].textContent, signed: cells[1].textContent,
        words: cells[2].textContent };
    });
    const snippets = {};
    document.querySelectorAll('#profile-snippets .snippet').forEach((s) => {
      snippets[s.dataset.snippet] = s.querySelector('code').textContent;
    });
    return {
      signed: out.querySelector('[data-testid=signed]')?.textContent ?? null,
      problem: out.querySelector('[data-testid=problem]')?.textContent ?? null,
      rows,
      stringToSign: out.querySelector('[data-testid=string-to-sign]')?.textContent ?? null,
      forced: [...document.querySelectorAll('#profile-description [data-testid=forced] tr[data-param]')]
        .map((r) => r.dataset.param),
      snippets,
    };
  });
  await page.screenshot({ path: shot('profile'), fullPage: true });

  step = 'refused';
  await page.getByLabel('Parameters to sign').fill(JSON.stringify(input.refused.params));
  await page.getByRole('button', { name: 'Sign these parameters' }).click();
  await page.locator('#profile-result [data-testid=signed], #profile-result [data-testid=problem]').first().waitFor();
  output.refused = await problem('#profile-result');
  output.refused.fetchSnippet = await page.locator('#profile-snippets [data-snippet=fetch] code').textContent();
  await page.screenshot({ path: shot('refused'), fullPage: true });

  step = 'bearer';
  // A bearer token instead of the API key: the profile list is the token's caller's.
  await page.getByLabel('Credential type').selectOption('bearer');
  await page.getByLabel('API key or bearer token').fill(input.bearerToken);
  await page.getByRole('button', { name: 'Use', exact: true }).click();
  output.bearerStatus = await page.getByTestId('auth-status').textContent();
  await page.locator('#profile-list-status p.help').waitFor();
  output.bearerNames = await page.$$eval('#profile-name option', (options) => options.map((o) => o.value));

  step = 'csp';
  // Last, on purpose: the page's own policy must block an inline script and eval.
  const before = output.violations.length;
  const consoleBefore = output.console.length;
  // From a timer, so that it runs as the page's own code: code evaluated by the driver itself is exempt.
  output.csp.evalResult = await page.evaluate(() => new Promise((resolve) => {
    setTimeout(() => {
      try {
        // eslint-disable-next-line no-eval
        resolve(`ran: ${eval('1 + 1')}`);
      } catch (error) {
        resolve(`blocked: ${error.name}`);
      }
    }, 0);
  }));
  output.csp.handlerRan = await page.evaluate(async () => {
    window.handlerRan = false;
    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.handlerRan = true');
    document.body.append(button);
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    button.remove();
    return window.handlerRan;
  });
  output.csp.inlineRan = await page.evaluate(async () => {
    window.inlineRan = false;
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return window.inlineRan;
  });
  await page.waitForTimeout(200);
  output.csp.violationsAtTheEnd = output.violations.slice(before);
  output.violations = output.violations.slice(0, before);
  output.csp.consoleAtTheEnd = output.console.slice(consoleBefore);
  output.console = output.console.slice(0, consoleBefore);
} catch (error) {
  output.failure = `${step}: ${error.message}`;
  output.body = await page.locator('body').innerText().catch(() => '');
  await page.screenshot({ path: shot('failure'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
console.log(JSON.stringify(output));

async function fillDiagnosis(item) {
  await page.getByLabel('Cloudinary’s error text').fill(item.error);
  await page.getByLabel('The parameters that were signed or posted').fill(item.params ?? '');
  await page.getByLabel('The account’s signature algorithm').selectOption(item.algorithm ?? '');
}

async function problem(container) {
  return page.evaluate((selector) => {
    const box = document.querySelector(`${selector} [data-testid=problem]`);
    if (!box) return null;
    return {
      headline: box.querySelector('[data-testid=problem-headline]')?.textContent ?? null,
      detail: box.querySelector('[data-testid=problem-detail]')?.textContent ?? null,
      params: [...box.querySelectorAll('[data-testid=problem-params] li')].map((li) => ({
        name: li.dataset.param, text: li.textContent })),
      text: box.innerText,
      role: box.getAttribute('role'),
    };
  }, container);
}
