// sourced: client-side search over the index in search-index.js (a script
// that sets window.SOURCED_SEARCH, so this works from file:// too). Every
// word typed must appear in a result's title or text. Results are built with
// textContent only.
(function () {
  'use strict';
  var index = window.SOURCED_SEARCH || [];
  var input = document.getElementById('search-q');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!input || !list || !status) return;
  var labels = { page: 'Page', figure: 'Figure', source: 'Source' };
  function fold(text) { return String(text || '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, ''); }
  var haystacks = index.map(function (e) { return { entry: e, title: fold(e.title), text: fold(e.text) }; });
  function search(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!words.length) { status.textContent = ''; return; }
    var hits = haystacks.filter(function (h) {
      return words.every(function (w) { return h.title.indexOf(w) >= 0 || h.text.indexOf(w) >= 0; });
    }).sort(function (a, b) {
      var at = words.every(function (w) { return a.title.indexOf(w) >= 0; }) ? 0 : 1;
      var bt = words.every(function (w) { return b.title.indexOf(w) >= 0; }) ? 0 : 1;
      return at - bt;
    });
    status.textContent = hits.length === 1 ? '1 result' : hits.length + ' results';
    hits.slice(0, 50).forEach(function (h) {
      var e = h.entry, li = document.createElement('li'), a = document.createElement('a'), kind = document.createElement('span');
      kind.className = 'search__kind';
      kind.textContent = labels[e.kind] + (e.status ? ', ' + e.status : '') + ': ';
      a.href = e.href;
      a.textContent = e.title;
      li.appendChild(kind);
      li.appendChild(a);
      if (e.text && e.text.trim()) {
        var p = document.createElement('p');
        p.className = 'search__text';
        p.textContent = e.text.trim().slice(0, 200);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) { input.value = initial; search(initial); }
  input.addEventListener('input', function () { search(input.value); });
  input.form.addEventListener('submit', function (event) { event.preventDefault(); search(input.value); });
})();
