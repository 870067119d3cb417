/**
 * Journey (platform): an administrator signs in, creates a restricted role, a department and a
 * user in it, and signs out; that user signs in, sees only the menus the role allows, sees a
 * colleague's phone masked, cannot open an admin page by URL, and switches to English.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, shot } from './support/browser.js';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './support/server.js';
import { signIn } from './support/ui.js';

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

const login = (page: Page, username: string, password: string) => signIn(page, server.url, username, password);

async function menuTexts(page: Page): Promise<string[]> {
  return (await page.getByTestId('main-menu').locator('.ant-menu-title-content').allInnerTexts()).map((s) => s.trim());
}

test('administrator sets up a restricted user who then sees only what the role allows', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // — administrator —
  await login(page, 'admin', ADMIN_PASSWORD);
  await shot(page, 'journey-01-admin-home-zh');

  await page.goto(`${server.url}/admin/roles`);
  await page.getByTestId('role-create').click();
  await page.getByTestId('role-name').fill('投诉组坐席');
  await page.getByTestId('role-code').fill('complaint_agent');
  await page.getByTestId('perm-org.users.read').check();
  await page.getByTestId('scope-users').getByText('本部门', { exact: true }).click();
  await page.getByTestId('field-phone').getByText('脱敏', { exact: true }).click();
  await page.getByTestId('role-submit').click();
  await page.getByTestId('roles-list').getByText('投诉组坐席').waitFor();
  await shot(page, 'journey-02-role-created-zh');

  await page.goto(`${server.url}/admin/departments`);
  await page.getByTestId('department-create').click();
  await page.getByTestId('department-name').fill('投诉处理组');
  await page.getByTestId('department-submit').click();
  await page.getByTestId('department-tree').getByText('投诉处理组').waitFor();
  await shot(page, 'journey-03-department-created-zh');

  await page.goto(`${server.url}/admin/users`);
  await page.getByTestId('user-create').click();
  await page.getByTestId('user-username').fill('lisi');
  await page.getByTestId('user-display-name').fill('李四');
  await page.getByTestId('user-phone-input').fill('13900001111');
  await page.getByTestId('user-department').click();
  await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '投诉处理组' }).click();
  await page.getByTestId('user-roles').click();
  await page.locator('.ant-select-item-option', { hasText: '投诉组坐席' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('user-password').fill('Journey-Pass-2026');
  await page.getByTestId('user-submit').click();
  await page.getByTestId('users-table').getByText('lisi').waitFor();

  // A colleague in the same department, created through the API with the admin's session.
  const departments = (await (await page.request.get(`${server.url}/api/v1/departments`)).json()) as { items: { id: string; name: string }[] };
  const dept = departments.items.find((d) => d.name === '投诉处理组');
  assert.ok(dept, 'the new department is listed');
  const colleague = await page.request.post(`${server.url}/api/v1/users`, {
    data: { username: 'wangwu', displayName: '王五', phone: '13812345678', departmentId: dept.id, roleIds: [], password: 'Colleague-Pass-2026' },
  });
  assert.equal(colleague.status(), 201, await colleague.text());
  await page.reload();
  await page.getByTestId('users-table').getByText('wangwu').waitFor();
  await shot(page, 'journey-04-users-admin-zh');

  await page.getByTestId('user-menu').hover();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByTestId('login-submit').waitFor();

  // — the restricted user —
  await login(page, 'lisi', 'Journey-Pass-2026');
  const menus = await menuTexts(page);
  assert.ok(menus.includes('用户管理'), `users menu visible: ${menus.join(', ')}`);
  for (const hidden of ['角色与权限', '审计日志', '部门管理', '后台任务', '工作日历']) {
    assert.ok(!menus.includes(hidden), `${hidden} must be hidden: ${menus.join(', ')}`);
  }

  await page.goto(`${server.url}/admin/users`);
  const row = page.getByTestId('users-table').locator('tr', { hasText: 'wangwu' });
  await row.waitFor();
  const phone = (await row.getByTestId('user-phone').innerText()).trim();
  assert.equal(phone, '138****5678');
  // 本部门 scope: the administrator (another department) is not listed.
  assert.equal(await page.getByTestId('users-table').locator('tr', { hasText: 'admin' }).count(), 0);
  await shot(page, 'journey-05-restricted-users-zh');

  await page.goto(`${server.url}/admin/roles`);
  await page.getByText('您没有访问此页面的权限').waitFor();
  const refused = await page.request.get(`${server.url}/api/v1/audit`);
  assert.equal(refused.status(), 403);

  await page.goto(`${server.url}/admin/users`);
  await page.getByTestId('switch-language').click();
  await page.getByTestId('main-menu').getByText('Users', { exact: true }).waitFor();
  assert.ok((await menuTexts(page)).includes('Users'));
  await page.getByTestId('users-table').locator('tr', { hasText: 'wangwu' }).waitFor();
  await shot(page, 'journey-06-restricted-users-en');
  const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { locale: string };
  assert.equal(me.locale, 'en', 'the language choice is saved on the user');

  assert.deepEqual(errors, [], 'no script errors in the page');
  await context.close();
});
