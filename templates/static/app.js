// Review page behaviour: link highlighted spans and statement cards, turn a text selection into
// a manual statement (UTF-8 byte offsets, as the API expects), and confirm destructive forms.
(function () {
  "use strict";
  const utf8 = new TextEncoder();

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  const body = document.getElementById("article-body");
  if (!body) return;

  body.addEventListener("click", function (event) {
    const span = event.target.closest("[data-statement]");
    if (!span || !window.getSelection().isCollapsed) return;
    const card = document.getElementById("statement-" + span.dataset.statement);
    if (card) {
      document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
      card.classList.add("focus");
      card.scrollIntoView({ behavior: "smooth", block: "center" });
    }
  });

  // Byte offset in the article body of a (node, offset) position inside #article-body.
  function byteOffset(node, offset) {
    const span = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const holder = span && span.closest("[data-start]");
    if (!holder || !body.contains(holder)) return null;
    const prefix = node.nodeType === Node.TEXT_NODE ? node.textContent.slice(0, offset) : "";
    return Number(holder.dataset.start) + utf8.encode(prefix).length;
  }

  const form = document.getElementById("manual-statement");
  if (!form) return;
  document.addEventListener("selectionchange", function () {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return;
    const start = byteOffset(range.startContainer, range.startOffset);
    const end = byteOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    form.elements.start.value = start;
    form.elements.end.value = end;
    form.querySelector(".selection").textContent = sel.toString();
    form.hidden = false;
  });
})();
