// sourced: progressive enhancement for figure cards. Without this script the
// cards still open on hover and keyboard focus (CSS alone, see sourced.css).
// With it, Escape closes an open card, and a card that would cross the edge
// of the window is shifted back inside it.
(function () {
  'use strict';
  var MARGIN = 8;
  function figOf(node) { return node && node.closest ? node.closest('.fig') : null; }
  function cardOf(fig) { return fig.querySelector(':scope > .fig__card'); }
  function fit(fig) {
    var card = cardOf(fig);
    if (!card) return;
    card.style.transform = '';
    var box = card.getBoundingClientRect();
    if (!box.width) return;
    var width = document.documentElement.clientWidth, shift = 0;
    if (box.right > width - MARGIN) shift = width - MARGIN - box.right;
    if (box.left + shift < MARGIN) shift = MARGIN - box.left;
    if (shift) card.style.transform = 'translateX(' + Math.round(shift) + 'px)';
  }
  function open(event) {
    var fig = figOf(event.target);
    if (!fig || fig.contains(event.relatedTarget)) return;
    fig.classList.remove('fig--dismissed');
    fit(fig);
  }
  function leave(event) {
    var fig = figOf(event.target);
    if (fig && !fig.contains(event.relatedTarget)) fig.classList.remove('fig--dismissed');
  }
  document.addEventListener('mouseover', open);
  document.addEventListener('focusin', open);
  document.addEventListener('mouseout', leave);
  document.addEventListener('focusout', leave);
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var open = document.querySelectorAll('.fig:hover, .fig:focus-within');
    for (var i = 0; i < open.length; ++i) open[i].classList.add('fig--dismissed');
  });
})();
