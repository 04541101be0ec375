// dlnotes in the browser: batch normalization of one column (note 4.2.1.1 順伝播).
// Mirrors dlnotes/experiments/ch4.py (_bn_column, bn_explorer_state) operation for operation,
// sums left to right in both, so the page and Python agree to the last bit;
// tests/browser/test_js_rules.py and tests/browser/test_live_bn.py compare them.
(function (D) {
  "use strict";

  // experiments._seq_sum: a plain left-to-right sum
  D.seqSum = function (values) {
    let total = 0.0;
    for (const v of values) total += v;
    return total;
  };

  // experiments._bn_column: mu = mean a, u = a - mu, var = mean u², s = sqrt(var + eps),
  // xhat = u / s (gamma 1, beta 0)
  D.bnColumn = function (a, eps) {
    const B = a.length;
    const mu = D.seqSum(a) / B;
    const u = a.map((v) => v - mu);
    const v2 = D.seqSum(u.map((v) => v * v)) / B;
    const s = Math.sqrt(v2 + eps);
    return [mu, v2, s, u.map((v) => v / s)];
  };

  // experiments.bn_explorer_state: BN of the column c * base[:B]; values sorted by the pre-BN
  // activation (ties by row), the column statistics before and after, var / (var + eps), and
  // the largest change of xhat from weight scale 1
  D.bnExplorerState = function (base, B, c, eps) {
    const raw = Array.from(base).slice(0, B);
    const a = raw.map((v) => c * v);
    const [mu, v2, , xhat] = D.bnColumn(a, eps);
    const xhat1 = D.bnColumn(raw, eps)[3];
    const order = a.map((_, i) => i).sort((i, j) => a[i] - a[j] || i - j);
    const meanPost = D.seqSum(xhat) / B;
    const varPost = D.seqSum(xhat.map((v) => (v - meanPost) * (v - meanPost))) / B;
    let maxChange = 0;
    for (let i = 0; i < B; i++) maxChange = Math.max(maxChange, Math.abs(xhat[i] - xhat1[i]));
    return {
      pre: order.map((i) => a[i]), post: order.map((i) => xhat[i]), mean_pre: mu, var_pre: v2,
      mean_post: meanPost, var_post: varPost, var_predicted: v2 / (v2 + eps), max_change: maxChange,
    };
  };
})((globalThis.dlnotes = globalThis.dlnotes || {}));
