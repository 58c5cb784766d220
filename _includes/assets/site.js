// The page's few behaviours; every page reads fine without them.
// - theme toggle: light or dark, remembered (localStorage), else the system's;
// - language switcher: lands on the same section of the page in the other
//   language (section ids are the same in both);
// - search: Pagefind's UI over this language's index, under the site's base URL;
// - table of contents: folded on narrow screens, where it sits above the text.
(function () {
  'use strict';
  var root = document.documentElement;

  // Theme
  var toggle = document.querySelector('.theme-toggle');
  var systemDark = window.matchMedia('(prefers-color-scheme: dark)');
  function isDark() { return root.dataset.theme ? root.dataset.theme === 'dark' : systemDark.matches; }
  function showTheme() { if (toggle) toggle.setAttribute('aria-pressed', String(isDark())); }
  if (toggle) {
    toggle.addEventListener('click', function () {
      var next = isDark() ? 'light' : 'dark';
      root.dataset.theme = next;
      try { localStorage.setItem('netguide-theme', next); } catch (e) { /* private mode: not remembered */ }
      showTheme();
    });
    systemDark.addEventListener('change', showTheme);
    showTheme();
  }

  // Language switcher: the section in view (or the one the address names)
  function currentSection() {
    var named = location.hash.slice(1);
    if (named && document.getElementById(decodeURIComponent(named))) return decodeURIComponent(named);
    var sections = document.querySelectorAll('main section[id]');
    var line = window.innerHeight * 0.3;
    var found = '';
    for (var i = 0; i < sections.length; i++) {
      if (sections[i].getBoundingClientRect().top <= line) found = sections[i].id;
    }
    return window.scrollY > 0 ? found : '';
  }
  document.querySelectorAll('a.switch-language').forEach(function (link) {
    link.addEventListener('click', function () {
      var id = currentSection();
      link.href = link.href.split('#')[0] + (id ? '#' + encodeURIComponent(id) : '');
    });
  });

  // Search
  var search = document.getElementById('search');
  if (search && window.PagefindUI) {
    var base = search.dataset.base || '/';
    new window.PagefindUI({
      element: '#search', showSubResults: true, showImages: false, resetStyles: false,
      baseUrl: base, bundlePath: base + 'pagefind/',
    });
    var input = search.querySelector('input');
    if (input && search.dataset.label) input.setAttribute('aria-label', search.dataset.label);
  }

  // Table of contents: folded on narrow screens
  var narrow = window.matchMedia('(max-width: 63.99rem)');
  if (narrow.matches) document.querySelectorAll('.toc details[open]').forEach(function (d) { d.open = false; });
})();
