/* dlnotes: ipywidgets' html-manager typesets widget labels with the MathJax 2 API
 * (MathJax.Hub.Queue(["Typeset", MathJax.Hub, element])), but the site ships MathJax 3,
 * which has no Hub: every widget label then throws "Cannot read properties of undefined
 * (reading 'Queue')".  Map the call onto MathJax 3's typesetPromise.  Loaded with `defer`
 * after tex-chtml.js, so window.MathJax is already the MathJax 3 object here. */
(function () {
  "use strict";
  var mj = window.MathJax;
  if (!mj || mj.Hub) { return; }
  mj.Hub = {
    Queue: function () {
      var elements = [];
      Array.prototype.forEach.call(arguments, function (cmd) {
        if (Array.isArray(cmd) && cmd[0] === "Typeset" && cmd[2]) { elements.push(cmd[2]); }
      });
      var ready = (mj.startup && mj.startup.promise) || Promise.resolve();
      ready.then(function () {
        if (mj.typesetPromise) { return mj.typesetPromise(elements.length ? elements : undefined); }
      }).catch(function (err) { console.warn("dlnotes MathJax shim:", err); });
    }
  };
})();
