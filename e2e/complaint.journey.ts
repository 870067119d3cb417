/**
 * Journey (complaint handling, §5.4): an agent registers a complaint ticket for a customer and
 * works it through every step of the process on the complaint page — receive, register
 * (complainant, time, matter, category, severity), investigate with a root cause, handle with
 * measures, compensation and service recovery, satisfaction survey, follow-up and close — checking
 * where it stands in the complaint list on the way. A second complaint, handed to a colleague
 * under a one-minute limit set on the time-limits tab, runs late: the list and its page say who is
 * late. The list, the pages and the statistics are then looked at in English.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, shot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { apiGet, apiPost, pickOption, setLocale as setUserLocale, signIn } from './support/ui.js';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

type Complaint = { currentStep: string; severity: string; rootCause: string | null; compensationFen: number | null; surveyScore: number | null; ticketStatus: string; late: boolean; steps: { step: string; completedAt: string | null; late: boolean; owner: { name: string } | null }[] };

const post = <T>(page: Page, path: string, data: unknown) => apiPost<T>(page, server.url, path, data);

const get = <T>(page: Page, path: string) => apiGet<T>(page, server.url, path);

const setLocale = (page: Page, locale: 'zh-CN' | 'en') => setUserLocale(page, server.url, locale);


/**
 * Types a date-time into an antd DatePicker and confirms it. The picker parses typed text a moment
 * after it changes, and an OK clicked before that may confirm nothing; the box is read back and the
 * typing repeated until it holds the value.
 */
async function fillDateTime(page: Page, picker: Locator, value: string) {
  for (let attempt = 1; ; attempt++) {
    await picker.click();
    await picker.fill(value);
    // (Enter would submit the whole form.) An OK clicked before the text is parsed leaves the picker open: click it again.
    const dropdown = page.locator('.ant-picker-dropdown:visible');
    for (let click = 1; click <= 5 && (await dropdown.count()) > 0; click++) {
      await dropdown.locator('.ant-picker-ok button').click();
      await dropdown.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    }
    if ((await picker.inputValue()).startsWith(value.slice(0, 16))) return;
    assert.ok(attempt < 3, `the date picker holds ${await picker.inputValue()}, not ${value}`);
  }
}

/** Completes the step in progress with the form already filled; waits for the next step's form. */
async function completeStep(page: Page, step: string, next: string | null) {
  const done = page.waitForResponse((r) => r.url().endsWith(`/complaint/steps/${step}/complete`) && r.request().method() === 'POST');
  await page.getByTestId(`complaint-complete-${step}`).click();
  const res = await done;
  assert.equal(res.status(), 200, await res.text());
  if (next) await page.getByTestId(`complaint-step-form-${next}`).waitFor();
}

/** A screenshot once the toasts have gone, so they do not cover the page. */
async function calmShot(page: Page, name: string) {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
  await shot(page, name);
}

/** The step marks of the process bar: antd's finish / process / error / wait per step. */
async function stepStates(panel: Locator): Promise<string[]> {
  return panel.getByTestId('complaint-steps').locator('.ant-steps-item').evaluateAll((items) => items.map((i) => /ant-steps-item-(finish|process|error|wait)/.exec(i.className)?.[1] ?? '?'));
}

test('an agent works a complaint through every step; a late step shows who is late', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, server.url);

  // — set up before: a customer, complaint categories, a colleague, and a round-the-clock
  // default calendar, so a one-minute limit runs out at any hour the journey runs —
  const allDay = [{ start: '00:00', end: '24:00' }];
  await post(page, '/calendars', { name: '全天候', weeklyHours: Array.from({ length: 7 }, () => allDay), isDefault: true });
  await post(page, '/customers', { kind: 'individual', name: '王建国', phones: [{ value: '13987654321' }], email: 'wang.jianguo@example.cn' });
  await post(page, '/ticket-categories', { ticketType: 'complaint', name: '服务态度', nameEn: 'Service attitude', sort: 1 });
  await post(page, '/ticket-categories', { ticketType: 'complaint', name: '物流配送', nameEn: 'Delivery', sort: 2 });
  await post(page, '/users', { username: 'zhangmin', displayName: '张敏', roleIds: [], password: 'Colleague-Pass-2026' });

  // — the empty list —
  await page.goto(`${server.url}/complaints`);
  await page.getByTestId('complaints-table').getByText('暂无投诉').waitFor();
  await shot(page, 'complaint-01-list-empty-zh');

  // — a second complaint comes in now, under a one-minute 接收 limit, so that by the time the first
  // has gone through every step (well over a minute) it is late: nobody waits for the clock —
  const limit = await page.request.put(`${server.url}/api/v1/complaints/time-limits`, { data: { limits: [{ severity: 'general', step: 'receive', minutes: 1 }] } });
  assert.ok(limit.ok(), `time limits: ${limit.status()} ${await limit.text()}`);
  const late = await post<{ id: string }>(page, '/tickets', { type: 'complaint', subject: '客服热线多次转接无人处理', description: '客户反映连续三次拨打热线被转接后挂断。', channel: 'phone', priority: 'normal', requesterName: '刘芳', requesterPhone: '13600001111' });

  // — 接收: the complaint comes in as a ticket of type 投诉, which opens the process —
  await page.goto(`${server.url}/tickets`);
  await page.getByTestId('ticket-create').click();
  await page.getByTestId('ticket-create-drawer').waitFor();
  await page.getByTestId('ticket-type').getByText('投诉').click();
  await page.getByTestId('ticket-category').click();
  await page.locator('.ant-select-tree-title').filter({ hasText: '物流配送' }).click();
  await page.getByTestId('ticket-subject').fill('冰箱送货延误三天且外包装破损');
  await page.getByTestId('ticket-description').fill('客户 11 月 18 日下单的双开门冰箱，承诺 11 月 20 日送达，实际 11 月 23 日才送到，外包装破损，客户要求说法。');
  await page.getByTestId('ticket-customer').click();
  await page.getByTestId('ticket-customer').locator('input').fill('王建');
  await pickOption(page, '王建国');
  await page.getByTestId('ticket-assignee').click();
  await pickOption(page, '（我）');
  await page.getByTestId('ticket-create-submit').click();
  await page.getByTestId('ticket-detail').waitFor();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  const ticketId = page.url().split('/').pop()!;
  const panel = page.getByTestId('complaint-panel');
  await panel.getByTestId('complaint-step-form-receive').waitFor();
  assert.deepEqual(await stepStates(panel), ['process', 'wait', 'wait', 'wait', 'wait', 'wait', 'wait'], 'the process starts at 接收');
  assert.match(await panel.innerText(), /系统管理员/, 'the receive step has an owner');
  await shot(page, 'complaint-02-ticket-received-zh');
  await page.getByTestId('complaint-step-form-receive').locator('textarea').fill('客户来电投诉，已致歉并承诺 24 小时内给出处理方案。');
  await completeStep(page, 'receive', 'register');

  // — the list shows where it stands: 登记, owner, due —
  await page.goto(`${server.url}/complaints`);
  const table = page.getByTestId('complaints-table');
  const row = table.locator('tr').filter({ hasText: '冰箱送货延误三天' });
  await row.waitFor();
  assert.match(await row.innerText(), /登记/);
  assert.match(await row.innerText(), /系统管理员/);
  assert.match(await row.innerText(), /王建国/);
  await row.getByTestId('complaint-row-link').click();
  await page.waitForURL(new RegExp(`/complaints/${ticketId}$`));

  // — 登记: complainant, time, matter, category, severity —
  const register = page.getByTestId('complaint-step-form-register');
  await register.waitFor();
  assert.equal(await register.locator('#complainantName').inputValue(), '王建国', 'the complainant defaults to the ticket’s customer');
  await register.locator('#complainantPhone').fill('13987654321');
  await fillDateTime(page, register.locator('#occurredAt'), '2026-11-23 15:30:00');
  await register.locator('#matter').fill('冰箱承诺 11 月 20 日送达，实际 11 月 23 日送到，外包装破损，门体有划痕。');
  await register.getByTestId('complaint-register-category').click();
  await page.locator('.ant-select-tree-title').filter({ hasText: '物流配送' }).click();
  await register.locator('#severity').click();
  await pickOption(page, '严重');
  await shot(page, 'complaint-03-register-zh');
  await completeStep(page, 'register', 'investigate');
  const cpanel = page.getByTestId('complaint-panel');
  await cpanel.getByText('2026-11-23 15:30').first().waitFor();
  await cpanel.getByText('物流配送').first().waitFor();
  await cpanel.locator('.ant-tag').filter({ hasText: '严重' }).first().waitFor();

  // — 调查与分析: root cause —
  const investigate = page.getByTestId('complaint-step-form-investigate');
  await investigate.locator('#rootCause').click();
  for (const cause of ['产品质量', '服务', '信息不对称', '期望过高', '其他']) {
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: cause }).first().waitFor();
  }
  await pickOption(page, '服务');
  await investigate.locator('#rootCauseDetail').fill('承运商调度失误，配送员未按约定时间派送，且搬运中磕碰外包装。');
  await completeStep(page, 'investigate', 'handle');
  await calmShot(page, 'complaint-04-investigated-zh');

  // — 处理: measures, compensation, service recovery, customer informed —
  const handle = page.getByTestId('complaint-step-form-handle');
  await handle.locator('#measures').fill('上门检查门体划痕，更换门体面板；向承运商追责。');
  await handle.locator('#compensation').fill('200');
  await handle.locator('#recoveryNote').fill('赠送延保一年，主管致电道歉。');
  assert.ok((await handle.locator('#customerInformedAt').inputValue()) !== '', 'the time the customer was told defaults to now');
  await completeStep(page, 'handle', 'survey');
  await cpanel.getByText('¥200.00').first().waitFor();

  // — 满意度调查 —
  const survey = page.getByTestId('complaint-step-form-survey');
  await survey.locator('.ant-rate-star').nth(3).click();
  await survey.locator('#comment').fill('处理及时，补偿合理。');
  await completeStep(page, 'survey', 'follow_up');

  // — 跟踪回访: the follow-up note is required —
  await page.getByTestId('complaint-complete-follow_up').click();
  await page.getByTestId('complaint-step-form-follow_up').locator('.ant-form-item-explain-error').waitFor();
  await calmShot(page, 'complaint-05-follow-up-required-zh');
  await page.getByTestId('complaint-step-form-follow_up').locator('textarea').fill('一周后回访：门体已更换，客户表示满意。');
  await completeStep(page, 'follow_up', 'close');

  // — 结案: the ticket closes —
  await page.getByTestId('complaint-step-form-close').locator('textarea').fill('原因已反馈物流部门整改。');
  await completeStep(page, 'close', null);
  await cpanel.getByText('投诉已结案').waitFor();
  assert.deepEqual(await stepStates(cpanel), Array(7).fill('finish'), 'every step is marked done');
  await calmShot(page, 'complaint-06-closed-zh');
  const closed = await get<Complaint>(page, `/tickets/${ticketId}/complaint`);
  assert.equal(closed.currentStep, 'done');
  assert.equal(closed.severity, 'serious');
  assert.equal(closed.rootCause, 'service');
  assert.equal(closed.compensationFen, 20_000);
  assert.equal(closed.surveyScore, 4);
  assert.equal(closed.ticketStatus, 'closed');
  assert.ok(closed.steps.every((s) => s.completedAt), 'all seven steps done');
  await page.getByTestId('complaint-ticket-link').click();
  await page.getByTestId('ticket-header').getByText('已关闭').first().waitFor();

  // — time limits: 接收 of 一般 complaints cut to one minute (0.02 working hours) —
  await page.goto(`${server.url}/complaints?tab=limits`);
  const limits = page.getByTestId('complaint-limits');
  await limits.waitFor();
  const receiveGeneral = limits.locator('tr').filter({ hasText: '接收' }).locator('td').nth(2).locator('input');
  await receiveGeneral.fill('0.02');
  await page.getByTestId('complaint-limits-save').click();
  await page.getByText('时限已保存').waitFor();
  await calmShot(page, 'complaint-07-limits-zh');

  // — the second complaint, handed to a colleague on its page —
  await page.goto(`${server.url}/complaints/${late.id}`);
  await page.getByTestId('complaint-step-form-receive').waitFor();
  await page.getByTestId('complaint-reassign-owner').click();
  await page.getByTestId('complaint-reassign-owner').locator('input').fill('张敏');
  await pickOption(page, '张敏');
  await page.getByTestId('complaint-reassign').click();
  await page.getByText('已改派负责人').waitFor();
  await page.getByTestId('complaint-panel').getByText('张敏').first().waitFor();

  // — past its limit, the step is late: the page and the list say so, and who owns it —
  const deadline = Date.now() + 120_000;
  for (;;) {
    const c = await get<Complaint>(page, `/tickets/${late.id}/complaint`);
    if (c.late) break;
    assert.ok(Date.now() < deadline, 'the one-minute step turns late');
    await page.waitForTimeout(3_000);
  }
  await page.reload();
  const latePanel = page.getByTestId('complaint-panel');
  await latePanel.locator('.ant-tag-red, .ant-tag-error').filter({ hasText: '已超时' }).first().waitFor();
  assert.deepEqual((await stepStates(latePanel))[0], 'error', 'the late step is marked red');
  await calmShot(page, 'complaint-08-late-zh');

  await page.goto(`${server.url}/complaints`);
  const lateRow = table.locator('tr').filter({ hasText: '客服热线多次转接' });
  await lateRow.getByText('已超时').waitFor();
  assert.match(await lateRow.innerText(), /张敏/);
  const doneRow = table.locator('tr').filter({ hasText: '冰箱送货延误三天' });
  assert.match(await doneRow.innerText(), /已结案/);
  assert.match(await doneRow.innerText(), /服务/);
  await shot(page, 'complaint-09-list-zh');
  await page.getByTestId('complaints-filter-late').click();
  await table.locator('tr').filter({ hasText: '冰箱送货延误三天' }).waitFor({ state: 'detached' });
  assert.equal(await table.locator('tr').filter({ hasText: '客服热线多次转接' }).count(), 1, 'late only: the late complaint stays');
  await page.getByTestId('complaints-filter-late').click();

  await page.goto(`${server.url}/complaints?tab=stats`);
  await page.getByTestId('complaint-stats').waitFor();
  await page.getByTestId('complaint-stats-total').getByText('2').waitFor();
  await shot(page, 'complaint-10-stats-zh');

  // — the same pages in English —
  await setLocale(page, 'en');
  try {
    await englishPages(page, ticketId, late.id);
  } catch (err) {
    await shot(page, 'complaint-failure-en');
    throw err;
  }
  await setLocale(page, 'zh-CN');

  assert.deepEqual(errors, [], 'no script errors on any page');
  await context.close();
});

async function englishPages(page: Page, ticketId: string, lateId: string) {
  const table = page.getByTestId('complaints-table');
  await page.goto(`${server.url}/complaints`);
  await table.locator('tr').filter({ hasText: '客服热线多次转接' }).getByText('Late').waitFor();
  await table.locator('tr').filter({ hasText: '冰箱送货延误三天' }).getByText('Closed').waitFor();
  await shot(page, 'complaint-11-list-en');
  await page.goto(`${server.url}/complaints/${ticketId}`);
  await page.getByTestId('complaint-panel').getByText('Complaint closed').waitFor();
  await shot(page, 'complaint-12-closed-en');
  await page.goto(`${server.url}/complaints/${lateId}`);
  await page.getByTestId('complaint-step-form-receive').waitFor();
  await page.getByTestId('complaint-panel').getByText('Late').first().waitFor();
  await shot(page, 'complaint-13-late-en');
  await page.goto(`${server.url}/complaints?tab=stats`);
  await page.getByTestId('complaint-stats').getByText('By root cause').waitFor();
  await shot(page, 'complaint-14-stats-en');
  await page.goto(`${server.url}/complaints?tab=limits`);
  await page.getByTestId('complaint-limits').waitFor();
  await shot(page, 'complaint-15-limits-en');
}
