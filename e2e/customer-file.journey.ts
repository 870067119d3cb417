/**
 * Journey (customers, §2): an account manager creates a customer from the register, finds it
 * again by its pinyin initials, imports a spreadsheet with mistakes and reads the validation
 * report (on screen and as the downloaded XLSX), imports the valid rows, then merges two
 * duplicates from the duplicates page.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launch, shot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { signIn } from './support/ui.js';

let server: RunningServer;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-journey-'));

before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const login = (page: Page) => signIn(page, server.url);

/** A spreadsheet an agent might really send: Chinese headers, a few good rows, a few bad ones. */
function importFile(): string {
  const rows = [
    ['姓名', '手机', '邮箱', '所在地区', '标签'],
    ['司马相如', '13700001001', 'simaxr@example.com', '广东省深圳市南山区', 'VIP'],
    ['上官婉儿', '138 0000 1002', '', '北京市朝阳区', ''],
    ['诸葛明', '1390000100', '', '', ''], // 10 digits: not a mobile number
    ['令狐冲', '13600001004', 'not-an-email', '', ''],
    ['', '13500001005', '', '', ''], // no name
    ['东方不败', '13400001006', '', '', '武侠'],
  ];
  const file = path.join(tmp, '客户导入.csv');
  fs.writeFileSync(file, '\ufeff' + rows.map((r) => r.join(',')).join('\r\n'), 'utf8');
  return file;
}

test('an account manager creates, finds, imports and merges customers', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page);

  // — create a customer from the register —
  await page.goto(`${server.url}/customers`);
  await page.getByTestId('customer-create').click();
  await page.getByTestId('customer-form-drawer').waitFor();
  await page.getByTestId('customer-name').fill('欧阳明月');
  await page.getByTestId('phone-input-0').fill('＋86 139 1234 5678');
  await shot(page, 'customers-journey-01-form-zh');
  await page.getByTestId('customer-submit').click();
  await page.getByTestId('customer-form-drawer').waitFor({ state: 'hidden' });

  // — find it again by its pinyin initials (欧阳 is read as a compound surname) —
  await page.locator('input[data-testid="customer-search"], [data-testid="customer-search"] input').first().fill('oymy');
  await page.getByTestId('customers-table').getByText('欧阳明月').waitFor();
  const rows = await page.getByTestId('customers-table').locator('tbody tr.ant-table-row').count();
  assert.equal(rows, 1, 'the initials find exactly the new customer');
  await shot(page, 'customers-journey-02-found-by-initials-zh');

  // — import a file with mistakes and read the report —
  await page.goto(`${server.url}/customers/import`);
  await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(importFile());
  await page.getByTestId('mapping-table').waitFor();
  await shot(page, 'customers-journey-03-mapping-zh');
  await page.getByTestId('mapping-next').click();
  const problems = page.getByTestId('check-problems');
  await problems.waitFor({ timeout: 60_000 });
  const text = await problems.innerText();
  for (const row of ['4', '5', '6']) assert.match(text, new RegExp(`(^|\\s)${row}(\\s|$)`), `row ${row} is reported`);
  await shot(page, 'customers-journey-04-validation-zh');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('check-report').click()]);
  const reportPath = path.join(tmp, 'report.xlsx');
  await download.saveAs(reportPath);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(reportPath);
  const sheet = book.worksheets[0];
  const reported = new Set<number>();
  sheet.eachRow((r, n) => {
    if (n > 1 && typeof r.getCell(1).value === 'number') reported.add(r.getCell(1).value as number);
  });
  assert.deepEqual([...reported].sort(), [4, 5, 6], 'the downloaded report names the three bad rows');

  await page.getByTestId('check-run').click();
  await page.locator('.ant-modal-confirm .ant-btn-primary').click();
  await page.getByTestId('import-done').waitFor({ timeout: 120_000 });
  await shot(page, 'customers-journey-05-imported-zh');
  const imported = (await (await page.request.get(`${server.url}/api/v1/customers/count`)).json()) as { count: number };
  assert.equal(imported.count, 4, 'the new customer and the three valid rows');

  // — two duplicates (same phone, entered twice) merged from the duplicates page —
  for (const name of ['慕容复', '慕容 复']) {
    const res = await page.request.post(`${server.url}/api/v1/customers`, { data: { kind: 'individual', name, phones: [{ value: '13300009999' }], allowDuplicate: true } });
    assert.equal(res.status(), 201);
  }
  await page.goto(`${server.url}/customers/duplicates`);
  const group = page.getByTestId('duplicate-group').filter({ hasText: '慕容' });
  await group.waitFor();
  await shot(page, 'customers-journey-06-duplicates-zh');
  await group.getByTestId('duplicate-merge').click();
  await page.getByTestId('merge-confirm').waitFor();
  await shot(page, 'customers-journey-07-merge-preview-zh');
  await page.getByTestId('merge-confirm').click();
  await page.getByTestId('merge-confirm').waitFor({ state: 'hidden' });
  await page.locator('.ant-notification-notice').first().waitFor();
  await shot(page, 'customers-journey-08-merged-zh');
  const after = (await (await page.request.get(`${server.url}/api/v1/customers?q=${encodeURIComponent('慕容')}`)).json()) as { items: { name: string }[] };
  assert.equal(after.items.length, 1, 'one customer remains after the merge');

  assert.deepEqual(errors, [], 'no script errors on any page');
  await context.close();
});
