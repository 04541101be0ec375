/* Nothing cut off (book/_ext/dlnotes_reading.py; issue 16): tables wider than their column
   are stacked, inline formulas wider than their line get a line of their own.  Re-checked
   on resize (a phone turned sideways) and after MathJax has typeset the page. */
(function () {
  "use strict";

  function labelCells(table) {
    if (table.dataset.dlnotesLabelled) return;
    table.dataset.dlnotesLabelled = "1";
    var head = table.tHead && table.tHead.rows.length ? table.tHead.rows[table.tHead.rows.length - 1] : null;
    if (!head) return;
    var names = Array.prototype.map.call(head.cells, function (c) { return c.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (names[i]) cell.setAttribute("data-label", names[i]);
        });
      });
    });
  }

  function fitTables() {
    var tables = document.querySelectorAll("main article table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.closest(".cell_output")) return;          // a printed data frame keeps its grid
      labelCells(table);
      table.classList.remove("dlnotes-stacked");
      var box = table.parentElement;
      if (table.getBoundingClientRect().width > box.clientWidth + 1) table.classList.add("dlnotes-stacked");
    });
  }

  function fitMath() {
    var all = document.querySelectorAll("main article mjx-container:not([display='true'])");
    Array.prototype.forEach.call(all, function (m) { m.classList.remove("dlnotes-wide-math"); });
    Array.prototype.forEach.call(all, function (m) {
      var block = m.parentElement;
      while (block && getComputedStyle(block).display.indexOf("inline") === 0) block = block.parentElement;
      if (!block) return;
      if (m.getBoundingClientRect().width > block.clientWidth + 1) m.classList.add("dlnotes-wide-math");
    });
  }

  function fit() { fitTables(); fitMath(); }

  // after any change of the column's width (window resized, phone turned, sidebar shown):
  // once the new layout is done, and once more shortly after (late reflows: fonts, MathJax)
  var pending = null;
  function schedule() {
    if (pending) clearTimeout(pending);
    pending = setTimeout(function () { pending = null; fit(); setTimeout(fit, 250); }, 50);
  }
  window.addEventListener("resize", schedule);

  function start() {
    fit();
    var article = document.querySelector("main article");
    if (article && window.ResizeObserver) new ResizeObserver(schedule).observe(article);
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) MathJax.startup.promise.then(fit);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("load", fit);
})();
