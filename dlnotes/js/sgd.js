// dlnotes in the browser: full-batch gradient descent against mini-batch SGD (note 3.2,
// 確率的勾配降下法 (SGD)).  Mirrors dlnotes/experiments/ch3.py (minibatch_gradient, sgd_paths)
// operation for operation, so the paths agree to the last bit; tests/browser/test_sgd_live.py
// compares them.
(function (D) {
  "use strict";

  // experiments.minibatch_gradient: (1/B) sum over idx of (x_i w - t_i) x_i, summed in order.
  // prob = {x1, x2, t, A, c} (A as [[a11, a12], [a21, a22]]); idx an array of example indices.
  D.minibatchGradient = function (prob, w, idx) {
    const w1 = w[0], w2 = w[1];
    let s1 = 0.0, s2 = 0.0;
    for (const i of idx) {
      const x1 = prob.x1[i], x2 = prob.x2[i];
      const r = x1 * w1 + x2 * w2 - prob.t[i];
      s1 += r * x1;
      s2 += r * x2;
    }
    const B = idx.length;
    return [s1 / B, s2 / B];
  };

  // experiments.sgd_paths: GD with the full gradient A w - c, SGD with the first B indices of
  // row tau of the batch table at update tau; each stops once max |w| > 1e6.
  D.sgdPaths = function (prob, lr, B, steps, idx, start) {
    const A = prob.A, c = prob.c;
    const gd = [[start[0], start[1]]], sgd = [[start[0], start[1]]];
    let w1 = start[0], w2 = start[1];
    for (let k = 0; k < steps; k++) {
      const g1 = A[0][0] * w1 + A[0][1] * w2 - c[0];
      const g2 = A[1][0] * w1 + A[1][1] * w2 - c[1];
      w1 = w1 - lr * g1;
      w2 = w2 - lr * g2;
      gd.push([w1, w2]);
      if (Math.max(Math.abs(w1), Math.abs(w2)) > 1e6) break;
    }
    let w = [start[0], start[1]];
    for (let tau = 0; tau < steps; tau++) {
      const g = D.minibatchGradient(prob, w, idx[tau].slice(0, B));
      w = [w[0] - lr * g[0], w[1] - lr * g[1]];
      sgd.push([w[0], w[1]]);
      if (Math.max(Math.abs(w[0]), Math.abs(w[1])) > 1e6) break;
    }
    return [gd, sgd];
  };

  // experiments.sgd_loss: L(w) = w A w / 2 - c w + const
  D.sgdLoss = function (prob, w1, w2) {
    const A = prob.A, c = prob.c;
    return 0.5 * (A[0][0] * w1 ** 2 + 2 * A[0][1] * w1 * w2 + A[1][1] * w2 ** 2)
      - c[0] * w1 - c[1] * w2 + prob.const;
  };
})((globalThis.dlnotes = globalThis.dlnotes || {}));
