import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from './server.js';

/** Steps every journey takes: signing in, calling the API as the signed-in user, antd selects. */

/** Signs in on the staff login page and waits for the main menu. */
export async function signIn(page: Page, baseUrl: string, username = 'admin', password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('main-menu').waitFor();
}

/** POST /api/v1{path} with the page's cookies; fails the journey on any non-2xx answer. */
export async function apiPost<T>(page: Page, baseUrl: string, path: string, data: unknown): Promise<T> {
  const res = await page.request.post(`${baseUrl}/api/v1${path}`, { data });
  assert.ok(res.ok(), `${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** GET /api/v1{path} with the page's cookies; fails the journey on any non-2xx answer. */
export async function apiGet<T>(page: Page, baseUrl: string, path: string): Promise<T> {
  const res = await page.request.get(`${baseUrl}/api/v1${path}`);
  assert.ok(res.ok(), `${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Switches the signed-in user's language (their profile setting, as the header's switch does). */
export async function setLocale(page: Page, baseUrl: string, locale: 'zh-CN' | 'en'): Promise<void> {
  const res = await page.request.patch(`${baseUrl}/api/v1/me`, { data: { locale } });
  assert.ok(res.ok(), `locale: ${res.status()}`);
}

/** Picks the option of an open antd select whose text contains `text`. */
export async function pickOption(page: Page, text: string): Promise<void> {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
}
