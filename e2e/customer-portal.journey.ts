/**
 * Journey (customer portal, §5.11): an agent invites a customer to the portal from the customer
 * 360 page; the customer signs in with the link, is refused an empty request, submits an
 * after-sales request (a matching help article is offered), reads the agent's reply, answers,
 * and rates the solved request; the agent sees the rating on the ticket. The portal is then
 * looked at in English, the help centre too.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, shot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { apiPost, signIn } from './support/ui.js';

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

const post = <T>(page: Page, path: string, data: unknown) => apiPost<T>(page, server.url, path, data);

test('a customer submits a request on the portal, reads the reply and rates it', async () => {
  const staffContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const staff = await staffContext.newPage();
  const errors: string[] = [];
  staff.on('pageerror', (e) => errors.push(`staff: ${e.message}`));
  await signIn(staff, server.url);

  const customer = await post<{ id: string }>(staff, '/customers', { kind: 'individual', name: '欧阳娜娜', phones: [{ value: '13912345678' }], email: 'nana@example.cn' });
  await post(staff, '/kb/articles', { title: '冰箱不制冷的自查方法', body: '1. 检查**温控旋钮**是否在 0 档；\n2. 检查冰箱背部散热是否良好；\n3. 断电 30 分钟后重新启动。', visibility: 'public', status: 'published' });

  // — the agent invites the customer from the 360 page and copies the link —
  await staff.goto(`${server.url}/customers/${customer.id}`);
  await staff.getByTestId('c360-portal-invite').click();
  await staff.getByTestId('portal-invite-generate').click();
  const link = (await staff.getByTestId('portal-invite-link').innerText()).trim();
  assert.match(link, /\/portal\/sign-in\?token=kl_/);
  await shot(staff, 'portal-01-invite-zh');

  // — the customer opens the portal signed out, then the link —
  const customerContext = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const page = await customerContext.newPage();
  page.on('pageerror', (e) => errors.push(`portal: ${e.message}`));
  await page.goto(`${server.url}/portal`);
  await page.getByTestId('portal-sign-in').waitFor();
  await shot(page, 'portal-02-sign-in-zh');
  await page.goto(link);
  await page.getByTestId('portal-tickets-empty').waitFor();
  await page.getByTestId('portal-account').getByText('欧阳娜娜').waitFor();
  await shot(page, 'portal-03-empty-zh');

  // — an empty request is refused with a message under each field —
  await page.getByTestId('portal-tickets-empty-new').click();
  await page.getByTestId('portal-type-after_sales').click();
  await page.getByTestId('portal-ticket-submit').click();
  await page.getByText('请选择售后类别').waitFor();
  await page.getByText('请填写标题（至少 2 个字）').waitFor();
  await page.getByText('请填写详细描述（至少 5 个字）').waitFor();
  await shot(page, 'portal-04-form-errors-zh');

  // — the request, with the help article offered on the way —
  await page.getByTestId('portal-subtype-repair').click();
  await page.getByTestId('portal-ticket-subject').fill('冰箱不制冷');
  await page.getByTestId('portal-related-articles').getByText('冰箱不制冷的自查方法').waitFor();
  await page.getByTestId('portal-ticket-body').fill('上周买的双开门冰箱，冷藏室一直不制冷，温度显示 15 度，已按说明书调过温控。');
  await page.getByText('请填写详细描述（至少 5 个字）').waitFor({ state: 'detached' });
  await shot(page, 'portal-05-form-filled-zh');
  await page.getByTestId('portal-ticket-submit').click();
  await page.waitForURL(/\/portal\/tickets\/[0-9a-f-]{36}$/);
  const ticketId = page.url().split('/').pop()!;
  await page.getByTestId('portal-message-customer').getByText('双开门冰箱').waitFor();

  // — the agent answers and waits on the customer; an internal note stays inside —
  await post(staff, `/tickets/${ticketId}/messages`, { kind: 'note', body: '备件需从仓库调拨，先不要承诺时间。' });
  await post(staff, `/tickets/${ticketId}/messages`, { kind: 'reply', body: '欧阳女士您好，请提供购买凭证照片和冰箱型号，我们为您安排师傅上门检修。', statusAfter: 'pending' });
  await page.reload();
  await page.getByTestId('portal-message-agent').getByText('购买凭证').waitFor();
  await page.getByTestId('portal-ticket').getByText('待您回复').waitFor();
  assert.equal(await page.getByText('备件需从仓库调拨').count(), 0, 'internal notes never reach the portal');
  await shot(page, 'portal-06-reply-zh');

  // — the customer answers; the request is back in progress —
  await page.getByTestId('portal-reply-text').fill('凭证已拍照上传到微信，型号 BCD-470WP。');
  await page.getByTestId('portal-reply-send').click();
  await page.getByTestId('portal-ticket').getByText('处理中').waitFor();
  assert.equal(await page.getByTestId('portal-message-customer').count(), 2);

  // — solved: the customer rates it (not without stars) —
  await post(staff, `/tickets/${ticketId}/status`, { status: 'resolved', reason: '师傅已上门更换温控器' });
  await page.reload();
  await page.getByTestId('portal-rating').waitFor();
  await page.getByTestId('portal-rating-submit').click();
  await page.getByText('请先选择星级').waitFor();
  await page.getByTestId('portal-rating-stars').locator('.ant-rate-star').nth(4).click();
  await page.getByTestId('portal-rating-comment').fill('师傅很专业，半小时就修好了');
  await page.getByTestId('portal-rating-submit').click();
  await page.getByTestId('portal-rating-done').waitFor();
  await shot(page, 'portal-07-rated-zh');

  // — the agent sees the rating on the ticket —
  await staff.goto(`${server.url}/tickets/${ticketId}`);
  await staff.getByTestId('ticket-satisfaction').getByText('师傅很专业').waitFor();
  await shot(staff, 'portal-08-staff-rating-zh');

  // — the list, the ticket and the help centre in English —
  await page.goto(`${server.url}/portal`);
  await page.getByTestId('portal-language').click();
  await page.getByText('My requests').first().waitFor();
  await page.getByTestId('portal-tickets').getByText('Solved').waitFor();
  await shot(page, 'portal-09-list-en');
  await page.getByTestId('portal-ticket-link').first().click();
  await page.getByTestId('portal-rating-done').getByText('Thank you for your rating').waitFor();
  await shot(page, 'portal-10-ticket-en');
  await page.goto(`${server.url}/portal/help?q=${encodeURIComponent('冰箱')}`);
  await page.getByTestId('portal-article-link').first().click();
  await page.getByTestId('portal-article').getByText('Was this article helpful?').waitFor();
  await page.getByTestId('portal-article-yes').click();
  await page.getByText('Thanks for your feedback').waitFor();
  await shot(page, 'portal-11-article-en');

  // — signed out, the help centre is still open —
  await page.getByTestId('portal-account').hover();
  await page.getByTestId('portal-sign-out').click();
  await page.getByTestId('portal-sign-in').waitFor();
  await shot(page, 'portal-12-sign-in-en');

  assert.deepEqual(errors, [], 'no script errors on any page');
  await customerContext.close();
  await staffContext.close();
});
