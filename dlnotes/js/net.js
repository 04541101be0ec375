// dlnotes in the browser: a small multi-layer network (filled in with the in-page training).
(function (D) {
  "use strict";
})((globalThis.dlnotes = globalThis.dlnotes || {}));
