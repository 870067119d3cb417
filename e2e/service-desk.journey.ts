/**
 * Journey (service desk, §5): an agent registers an after-sales repair ticket for a customer,
 * finds it in "mine" and "all open", replies and leaves it waiting on the customer, adds an
 * internal note and resolves it — checking the SLA panel and the conversation on the way. The
 * same pages are then looked at in English, and the category admin page in both languages.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, shot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { apiPost, pickOption, setLocale as setUserLocale, signIn } from './support/ui.js';

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

const login = (page: Page) => signIn(page, server.url);

const post = <T>(page: Page, path: string, data: unknown) => apiPost<T>(page, server.url, path, data);

const setLocale = (page: Page, locale: 'zh-CN' | 'en') => setUserLocale(page, server.url, locale);


test('an agent registers, answers and resolves an after-sales ticket', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page);

  // — what an organization has set up before: a customer, categories, an SLA policy —
  await post(page, '/customers', { kind: 'individual', name: '诸葛青', phones: [{ value: '13812345678' }], email: 'zhuge.qing@example.com' });
  const repair = await post<{ id: string }>(page, '/ticket-categories', { ticketType: 'after_sales', name: '家电维修', nameEn: 'Appliance repair', sort: 1 });
  await post(page, '/ticket-categories', { ticketType: 'after_sales', parentId: repair.id, name: '洗衣机', nameEn: 'Washing machines', sort: 1 });
  await post(page, '/ticket-categories', { ticketType: 'after_sales', parentId: repair.id, name: '冰箱', nameEn: 'Refrigerators', sort: 2 });
  await post(page, '/ticket-categories', { ticketType: 'after_sales', name: '上门安装', nameEn: 'Installation visits', sort: 2 });
  await post(page, '/ticket-categories', { ticketType: 'complaint', name: '服务态度', nameEn: 'Service attitude' });
  await post(page, '/sla-policies', { name: '售后标准', ticketTypes: ['after_sales'], firstResponseMinutes: 120, nextResponseMinutes: 240, resolutionMinutes: 2880 });

  // — the empty queue —
  await page.goto(`${server.url}/tickets?view=mine`);
  await page.getByTestId('tickets-table').waitFor();
  await page.getByText('没有待您处理的工单').waitFor();
  await shot(page, 'service-desk-01-list-empty-zh');

  // — the create drawer refuses an empty form, with messages under the fields —
  await page.getByTestId('ticket-create').click();
  await page.getByTestId('ticket-create-drawer').waitFor();
  await page.getByTestId('ticket-type').getByText('售后').click();
  await page.getByTestId('ticket-create-submit').click();
  await page.getByText('请选择售后类别').waitFor();
  await page.getByText('请填写主题').waitFor();
  await page.getByText('请选择客户，或填写请求人的姓名、电话或邮箱').waitFor();
  await shot(page, 'service-desk-02-create-errors-zh');

  // — fill it in: repair of a washing machine for the customer, assigned to oneself —
  await page.getByTestId('ticket-subtype').click();
  await pickOption(page, '维修');
  await page.getByTestId('ticket-category').click();
  await page.locator('.ant-select-tree-title').filter({ hasText: '洗衣机' }).click();
  await page.getByTestId('ticket-subject').fill('洗衣机脱水时漏水');
  await page.getByTestId('ticket-description').fill('客户反映滚筒洗衣机（型号 XQG100）在脱水时底部漏水，已使用 8 个月，仍在保修期内。');
  await page.getByTestId('ticket-customer').click();
  await page.getByTestId('ticket-customer').locator('input').fill('诸葛');
  await pickOption(page, '诸葛青');
  await page.getByTestId('ticket-assignee').click();
  await pickOption(page, '（我）');
  await page.getByTestId('ticket-tags').locator('input').fill('保修期内');
  await page.keyboard.press('Enter');
  await page.getByTestId('ticket-create-submit').click();

  // — the new ticket opens: header, SLA panel, conversation —
  await page.getByTestId('ticket-detail').waitFor();
  await page.getByTestId('ticket-detail-subject').getByText('洗衣机脱水时漏水').waitFor();
  const number = (await page.getByTestId('ticket-detail-number').innerText()).replace('#', '').trim();
  assert.match(number, /^\d+$/, 'the ticket has a number');
  const sla = page.getByTestId('sla-clock-panel');
  await sla.getByText('售后标准').waitFor();
  await sla.getByTestId('sla-metric-first_response').waitFor();
  await page.getByTestId('ticket-customer-link').getByText('诸葛青').waitFor();

  // — it is in "mine" and in "all open" —
  await page.goto(`${server.url}/tickets?view=mine`);
  await page.getByTestId(`ticket-row-${number}`).waitFor();
  assert.equal(await page.getByTestId('ticket-view-count-mine').innerText(), '1');
  await page.getByTestId('ticket-view-all_open').click();
  await page.getByTestId(`ticket-row-${number}`).waitFor();
  const row = page.getByTestId(`ticket-row-${number}`);
  assert.match(await row.innerText(), /售后 · 维修/);
  await row.getByTestId('ticket-sla-due').waitFor();
  await shot(page, 'service-desk-03-list-zh');
  // the search finds it by number
  await page.getByTestId('ticket-search').fill(number);
  await page.waitForURL(new RegExp(`q=${number}`));
  await page.getByTestId(`ticket-row-${number}`).waitFor();
  await row.getByTestId('ticket-subject-link').click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);

  // — a reply that leaves the ticket waiting on the customer —
  await page.getByTestId('ticket-composer').waitFor().catch(async (err: unknown) => {
    await shot(page, 'service-desk-failure');
    throw new Error(`${String(err)}\npage errors: ${errors.join('\n')}`);
  });
  await page.getByTestId('composer-text').fill('诸葛先生您好，已为您登记维修，师傅会在 24 小时内电话联系您预约上门时间，请保持电话畅通。');
  await page.getByTestId('composer-status-after').click();
  await pickOption(page, '待客户回复');
  // the choice shows in the box before the reply goes (the option list animates in)
  await page.getByTestId('composer-status-after').getByText('待客户回复').waitFor();
  const replied = page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
  await page.getByTestId('composer-send').click();
  const reply = await replied;
  assert.equal(reply.status(), 201, await reply.text());
  assert.equal((reply.request().postDataJSON() as { statusAfter?: string }).statusAfter, 'pending', 'the reply asks for "waiting on the customer"');
  await page.getByTestId('ticket-message-reply').waitFor();
  await page.getByTestId('ticket-header').getByText('待客户回复').waitFor();

  // — an internal note, shown yellow and apart from replies —
  await page.getByTestId('composer-tab-note').click();
  await page.getByTestId('composer-text').fill('已联系网点：师傅明天上午可上门，备件需从仓库调拨。');
  await page.getByTestId('composer-send').click();
  const note = page.getByTestId('ticket-message-note');
  await note.waitFor();
  assert.match(await note.innerText(), /内部备注/);
  const system = page.getByTestId('ticket-message-system');
  assert.ok((await system.count()) === 0 || /分配/.test(await system.first().innerText()), 'system lines read as sentences');
  await sla.getByText('已暂停').first().waitFor();
  await shot(page, 'service-desk-04-detail-zh');

  // — resolved —
  await page.getByTestId('ticket-status-resolved').click();
  await page.getByTestId('ticket-status-reason').fill('维修完成，客户确认不再漏水');
  await page.getByTestId('ticket-status-confirm').click();
  await page.getByTestId('ticket-header').getByText('已解决').first().waitFor();
  const res = await page.request.get(`${server.url}/api/v1/tickets?view=recent_solved`);
  const solved = (await res.json()) as { items: { number: string; status: string }[] };
  assert.deepEqual(solved.items.map((t) => [t.number, t.status]), [[number, 'resolved']], 'the ticket is among the recently solved');

  // — the category admin page —
  await page.goto(`${server.url}/admin/ticket-categories`);
  await page.getByTestId('category-tabs').getByText('售后').click();
  await page.getByTestId('category-家电维修').waitFor();
  await shot(page, 'service-desk-05-categories-zh');

  // — the same pages in English —
  await setLocale(page, 'en');
  await page.goto(`${server.url}/tickets?view=all`);
  await page.getByTestId(`ticket-row-${number}`).waitFor();
  await page.getByText('Most urgent due').or(page.getByText('Recently updated')).first().waitFor();
  await shot(page, 'service-desk-06-list-en');
  await page.goto(`${server.url}/tickets?view=breached`);
  await page.getByText('No breached tickets').waitFor();
  await shot(page, 'service-desk-07-list-empty-en');
  await page.goto(`${server.url}/tickets?view=all`);
  await page.getByTestId('ticket-create').click();
  await page.getByTestId('ticket-create-submit').click();
  await page.getByText('Enter a subject').waitFor();
  await shot(page, 'service-desk-08-create-errors-en');
  await page.keyboard.press('Escape');
  await page.getByTestId(`ticket-row-${number}`).getByTestId('ticket-subject-link').click();
  await page.getByTestId('ticket-message-note').waitFor();
  await page.getByTestId('sla-clock-panel').waitFor();
  await shot(page, 'service-desk-09-detail-en');
  await page.goto(`${server.url}/admin/ticket-categories`);
  await page.getByTestId('category-tabs').getByText('After-sales').click();
  await page.getByTestId('category-家电维修').waitFor();
  await shot(page, 'service-desk-10-categories-en');
  await setLocale(page, 'zh-CN');

  assert.deepEqual(errors, [], 'no script errors on any page');
  await context.close();
});
