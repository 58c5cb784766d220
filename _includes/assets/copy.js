// A copy button on every code and capture block that carries its labels
// (`<pre data-copy="Copy" data-copied="Copied">`, written by the build in the
// page's language). Progressive enhancement: without this script the block is
// plain text to select. It copies the block's text as shown, line by line
// (the note marks beside capture lines are drawn by CSS and are not copied).
(function () {
  'use strict';
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error('copy refused'));
    });
  }
  function start() {
    document.querySelectorAll('pre[data-copy]').forEach(function (pre) {
      var wrap = document.createElement('div');
      wrap.className = 'code-wrap';
      pre.parentNode.insertBefore(wrap, pre);
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-button';
      button.textContent = pre.dataset.copy;
      button.addEventListener('click', function () {
        copyText(pre.textContent.replace(/\n$/, '')).then(function () {
          button.textContent = pre.dataset.copied;
          button.classList.add('done');
          setTimeout(function () { button.textContent = pre.dataset.copy; button.classList.remove('done'); }, 1500);
        }, function () { /* nothing copied: the text stays selectable */ });
      });
      wrap.appendChild(button);
      wrap.appendChild(pre);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
