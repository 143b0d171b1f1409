// Progressive enhancement for the figure ledger: adds a "Copy" button after
// every <pre data-snippet>. Without JavaScript the snippet text is still
// there to select and copy; nothing on the page depends on this file.
(function () {
  "use strict";
  function copyText(text, done, failed) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    (ok ? done : failed)();
  }
  var blocks = document.querySelectorAll("pre[data-snippet]");
  Array.prototype.forEach.call(blocks, function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "snippet__copy";
    button.textContent = "Copy";
    button.addEventListener("click", function () {
      copyText(pre.textContent, function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      }, function () {
        button.textContent = "Select the text and copy it";
      });
    });
    pre.parentNode.insertBefore(button, pre.nextSibling);
  });
})();
