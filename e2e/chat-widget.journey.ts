/**
 * Journey (chat widget, §5.2): a visitor on the enterprise's website (another origin) opens the
 * chat from the loader's round button, is refused an empty start form, starts a chat, and sees the
 * agent's reply (sent from the staff API) appear without reloading; a reload of the website
 * continues the chat; once the agent closes the ticket the widget offers a new chat. The same in
 * English. The framing rules are checked on the way: /chat may be framed, the staff app may not.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Browser, FrameLocator, Page } from 'playwright-core';
import { launch, shot } from './support/browser.js';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;
let site: http.Server;
let siteUrl: string;

/** The enterprise's own website: a page that only includes the loader. */
const sitePage = (lang: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Example Appliances</title>
<style>body{margin:0;font-family:sans-serif;background:#fafafa;color:#333}header{background:#263238;color:#fff;padding:18px 32px;font-size:20px}main{padding:32px;max-width:720px;line-height:1.7}</style>
</head><body><header>Example Appliances · 示例家电</header>
<main><h1>${lang === 'en' ? 'Air purifiers' : '空气净化器'}</h1><p>${lang === 'en' ? 'Filters, spare parts and service for every model.' : '各型号滤网、配件与售后服务。'}</p></main>
<script src="${server.url}/widget.js" data-lang="${lang}" async></script>
</body></html>`;

before(async () => {
  server = await startServer();
  browser = await launch();
  site = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(sitePage(req.url?.startsWith('/en') ? 'en' : 'zh-CN'));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => site?.close(resolve));
});

async function signInAgent(): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const res = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: 'admin', password: ADMIN_PASSWORD } });
  assert.ok(res.ok(), `login: ${res.status()}`);
  return context.request;
}

async function ticketIdOf(agent: APIRequestContext, number: string): Promise<string> {
  const res = await agent.get(`${server.url}/api/v1/tickets`, { params: { q: number, channel: 'chat' } });
  assert.ok(res.ok(), `tickets: ${res.status()}`);
  const found = ((await res.json()) as { items: { id: string; number: string }[] }).items.find((i) => i.number === number);
  assert.ok(found, `ticket #${number} not found`);
  return found.id;
}

async function agentPost(agent: APIRequestContext, path: string, data: unknown): Promise<void> {
  const res = await agent.post(`${server.url}/api/v1${path}`, { data });
  assert.ok(res.ok(), `${path}: ${res.status()} ${await res.text()}`);
}

async function openWidget(page: Page, path: string): Promise<FrameLocator> {
  await page.goto(`${siteUrl}${path}`);
  await page.locator('[data-kefu-chat=button]').click();
  const chat = page.frameLocator('[data-kefu-chat=frame]');
  await chat.getByTestId('chat-widget').waitFor();
  return chat;
}

const ticketNumber = async (chat: FrameLocator) => /#(\d+)/.exec(await chat.getByTestId('chat-subtitle').innerText())![1]!;

test('the loader and the chat page are served, and only /chat may be framed', async () => {
  const loader = await fetch(`${server.url}/widget.js`);
  assert.equal(loader.status, 200);
  assert.match(loader.headers.get('content-type') ?? '', /javascript/);
  assert.match(await loader.text(), /\/chat\?lang=/);
  const chatPage = await fetch(`${server.url}/chat?lang=en`);
  assert.equal(chatPage.status, 200);
  assert.equal(chatPage.headers.get('x-frame-options'), null);
  assert.equal(chatPage.headers.get('content-security-policy'), 'frame-ancestors *');
  const staffPage = await fetch(`${server.url}/login`);
  assert.equal(staffPage.headers.get('x-frame-options'), 'DENY');
  assert.equal(staffPage.headers.get('content-security-policy'), "frame-ancestors 'none'");
});

test('a visitor chats with an agent from the website widget (zh-CN)', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const chat = await openWidget(page, '/');

  // — an empty form is refused field by field; a bad phone too —
  await chat.getByTestId('chat-start').click();
  await chat.getByText('请填写您的称呼').waitFor();
  assert.equal(await chat.getByText('请填写邮箱或电话（至少一项）').count(), 2);
  await chat.getByText('请填写您要咨询的问题').waitFor();
  await chat.getByTestId('chat-phone').fill('12345');
  await chat.getByText('请输入正确的手机号或固定电话（带区号）').waitFor();
  await shot(page, 'chat-01-form-errors-zh');

  // — the chat starts —
  await chat.getByTestId('chat-name').fill('王先生');
  await chat.getByTestId('chat-phone').fill('139 0000 1234');
  await chat.getByTestId('chat-first-message').fill('你好，我家的空气净化器 KJ-500 滤网指示灯一直亮，需要更换滤网吗？在哪里买？');
  await chat.getByTestId('chat-start').click();
  await chat.getByTestId('chat-message-visitor').waitFor();
  await chat.getByTestId('chat-waiting').waitFor();
  const number = await ticketNumber(chat);
  await shot(page, 'chat-02-started-zh');

  // — the agent answers from the service desk; the reply appears by itself —
  const agent = await signInAgent();
  const ticketId = await ticketIdOf(agent, number);
  await agentPost(agent, `/tickets/${ticketId}/messages`, { kind: 'note', body: '内部：老客户，优先处理' });
  await agentPost(agent, `/tickets/${ticketId}/messages`, { kind: 'reply', body: '王先生您好！指示灯常亮说明滤网需要更换了。\n原装滤网型号 KJ-500-F，可在官方商城购买。', statusAfter: 'pending' });
  await chat.getByTestId('chat-message-agent').waitFor({ timeout: 10_000 });
  assert.match(await chat.getByTestId('chat-message-agent').innerText(), /KJ-500-F/);
  assert.equal(await chat.getByText('内部：老客户').count(), 0, 'an internal note never reaches the visitor');
  await shot(page, 'chat-03-reply-zh');

  // — the visitor answers: Shift+Enter breaks the line, Enter sends —
  const input = chat.getByTestId('chat-input');
  await input.fill('好的，谢谢！');
  await input.press('Shift+Enter');
  await input.pressSequentially('顺便问一下，多久换一次？');
  await input.press('Enter');
  const sent = chat.getByTestId('chat-message-visitor').filter({ hasText: '顺便问一下' });
  await sent.waitFor();
  assert.match(await sent.innerText(), /好的，谢谢！\n顺便问一下，多久换一次？/);
  assert.equal(await chat.getByTestId('chat-message-visitor').count(), 2);
  assert.equal(await input.inputValue(), '');
  const ticket = await (await agent.get(`${server.url}/api/v1/tickets/${ticketId}`)).json();
  assert.equal(ticket.status, 'open', 'the visitor’s message wakes the ticket waiting on them');

  // — a reload of the website continues the same chat, window open —
  await page.reload();
  const again = page.frameLocator('[data-kefu-chat=frame]');
  await again.getByTestId('chat-message-agent').waitFor();
  assert.equal(await again.getByTestId('chat-message-visitor').count(), 2);
  assert.equal(await ticketNumber(again), number);

  // — the agent closes the ticket: the widget says so and offers a new chat —
  await agentPost(agent, `/tickets/${ticketId}/status`, { status: 'closed' });
  await again.getByTestId('chat-closed').waitFor({ timeout: 10_000 });
  assert.equal(await again.getByTestId('chat-input').count(), 0);
  await shot(page, 'chat-04-closed-zh');
  await again.getByTestId('chat-new').click();
  await again.getByTestId('chat-start-form').waitFor();

  // — the round button closes the window again —
  await page.locator('[data-kefu-chat=button]').click();
  await page.locator('[data-kefu-chat=frame]').waitFor({ state: 'hidden' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the widget in English', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const chat = await openWidget(page, '/en');
  await chat.getByText('Chat with us').first().waitFor();
  await chat.getByTestId('chat-start').click();
  await chat.getByText('Please enter your name').waitFor();
  await chat.getByText('Please tell us what you need').waitFor();
  await chat.getByTestId('chat-email').fill('not-an-address');
  await chat.getByText('This is not a valid e-mail address').waitFor();
  await shot(page, 'chat-05-form-errors-en');

  await chat.getByTestId('chat-name').fill('Emily Chen');
  await chat.getByTestId('chat-email').fill('emily@example.com');
  await chat.getByTestId('chat-first-message').fill('Hi! My order arrived with a cracked water tank. Can I get a replacement?');
  await chat.getByTestId('chat-start').click();
  await chat.getByTestId('chat-message-visitor').waitFor();
  const number = await ticketNumber(chat);
  await chat.getByText('Message delivered; an agent will answer shortly.').waitFor();
  await shot(page, 'chat-06-started-en');

  const agent = await signInAgent();
  const ticketId = await ticketIdOf(agent, number);
  await agentPost(agent, `/tickets/${ticketId}/messages`, { kind: 'reply', body: 'Sorry to hear that, Emily. A replacement tank is on its way; you will get the tracking number by e-mail today.' });
  await chat.getByTestId('chat-message-agent').waitFor({ timeout: 10_000 });
  await shot(page, 'chat-07-reply-en');
  assert.deepEqual(errors, []);
  await context.close();
});
