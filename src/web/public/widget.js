/*
 * Kefu chat widget loader. Put on any page of the enterprise's website:
 *   <script src="https://kefu.example.cn/widget.js" data-lang="zh-CN" async></script>
 * It adds a round button at the bottom right that opens the chat (an iframe to <this origin>/chat).
 * Plain JavaScript with no dependencies; everything it adds is namespaced `kefu-chat-`.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__kefuChatWidget) return;
  window.__kefuChatWidget = true;

  var origin = new URL(script.src, window.location.href).origin;
  var lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'zh-CN';
  var labels = lang === 'en' ? { open: 'Chat with us', close: 'Close chat' } : { open: '在线客服', close: '关闭对话' };
  var OPEN_KEY = 'kefu-chat-open';

  var chatIcon =
    '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor"><path d="M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 21.4c-.1.4.3.7.7.5l3.7-1.9c.9.2 1.9.4 3 .4 5.5 0 10-3.9 10-8.7S17.5 3 12 3zm-4.5 10.2a1.4 1.4 0 1 1 0-2.8 1.4 1.4 0 0 1 0 2.8zm4.5 0a1.4 1.4 0 1 1 0-2.8 1.4 1.4 0 0 1 0 2.8zm4.5 0a1.4 1.4 0 1 1 0-2.8 1.4 1.4 0 0 1 0 2.8z"/></svg>';
  var closeIcon =
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>';

  var style = document.createElement('style');
  style.textContent =
    '.kefu-chat-button{position:fixed;right:24px;bottom:24px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;' +
    'background:#1677ff;color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;padding:0;' +
    'box-shadow:0 6px 16px rgba(22,119,255,.35),0 2px 6px rgba(0,0,0,.12);transition:transform .15s ease,background .15s ease}' +
    '.kefu-chat-button:hover{background:#4096ff;transform:scale(1.05)}' +
    '.kefu-chat-button:focus-visible{outline:3px solid rgba(22,119,255,.45);outline-offset:2px}' +
    '.kefu-chat-frame{position:fixed;right:24px;bottom:92px;z-index:2147483000;width:360px;height:520px;max-height:calc(100vh - 116px);' +
    'border:0;border-radius:12px;background:#fff;box-shadow:0 12px 32px rgba(0,0,0,.18),0 2px 8px rgba(0,0,0,.08);display:none}' +
    '.kefu-chat-frame.kefu-chat-open{display:block}' +
    '@media (max-width:420px){.kefu-chat-frame{right:0;left:0;bottom:0;width:100%;height:100%;max-height:none;border-radius:0}' +
    '.kefu-chat-button.kefu-chat-active{right:12px;bottom:auto;top:12px;width:40px;height:40px;background:rgba(0,0,0,.35);box-shadow:none}}';
  document.head.appendChild(style);

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'kefu-chat-button';
  button.setAttribute('data-kefu-chat', 'button');
  var frame = null;

  function remember(open) {
    try {
      if (open) window.sessionStorage.setItem(OPEN_KEY, '1');
      else window.sessionStorage.removeItem(OPEN_KEY);
    } catch (e) {
      /* storage refused: the window just starts closed next time */
    }
  }

  function show(open) {
    // the chat page is loaded on the first opening only, so a page view costs one small script
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.className = 'kefu-chat-frame';
      frame.setAttribute('data-kefu-chat', 'frame');
      frame.title = labels.open;
      frame.src = origin + '/chat?lang=' + encodeURIComponent(lang);
      frame.allow = 'clipboard-write';
      document.body.appendChild(frame);
    }
    if (frame) frame.classList.toggle('kefu-chat-open', open);
    button.classList.toggle('kefu-chat-active', open);
    button.innerHTML = open ? closeIcon : chatIcon;
    button.setAttribute('aria-label', open ? labels.close : labels.open);
    button.setAttribute('aria-expanded', String(open));
    button.title = open ? labels.close : labels.open;
    remember(open);
  }

  button.addEventListener('click', function () {
    show(!(frame && frame.classList.contains('kefu-chat-open')));
  });

  function mount() {
    document.body.appendChild(button);
    var wasOpen;
    try {
      wasOpen = window.sessionStorage.getItem(OPEN_KEY) === '1';
    } catch (e) {
      wasOpen = false;
    }
    show(wasOpen);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
