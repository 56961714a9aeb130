// Runs before the app. Where the browser cannot run it at all — WebAssembly switched off or
// missing, or a browser too old for the app's modules (this file again, loaded with `nomodule`
// and `data-too-old`, which only such a browser runs) —
// it says so, in Chinese and English, with what to do, instead of leaving a blank page.
// A plain file: the page's CSP allows no inline script but trunk's own.
(function () {
  'use strict';
  var tooOld = document.currentScript && document.currentScript.hasAttribute('data-too-old');
  var missing = tooOld || typeof WebAssembly !== 'object' || typeof Promise === 'undefined';
  if (!missing) return;
  var zh = tooOld
    ? '这个浏览器版本过旧,无法运行台账。请使用较新的 Chrome、Edge、Firefox 或 360 安全浏览器(极速模式)打开本页。'
    : '这个浏览器不能运行台账:WebAssembly 不可用(可能被浏览器设置或管理策略关闭)。请启用 WebAssembly,或换用较新的 Chrome、Edge、Firefox 打开本页。';
  var en = tooOld
    ? 'This browser is too old to run Taizhang. Open this page in a recent Chrome, Edge or Firefox.'
    : 'This browser cannot run Taizhang: WebAssembly is unavailable (perhaps switched off by a setting or a policy). Turn WebAssembly on, or open this page in a recent Chrome, Edge or Firefox.';
  var show = function () {
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.setAttribute('data-testid', 'unsupported');
    box.style.cssText = 'max-width:40em;margin:3em auto;padding:1em 1.5em;border:1px solid #c23531;border-radius:6px;font:16px/1.6 sans-serif';
    var first = document.createElement('p');
    first.textContent = zh;
    var second = document.createElement('p');
    second.setAttribute('lang', 'en');
    second.textContent = en;
    box.appendChild(first);
    box.appendChild(second);
    document.body.insertBefore(box, document.body.firstChild);
  };
  if (document.body) show();
  else document.addEventListener('DOMContentLoaded', show);
})();
