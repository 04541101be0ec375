// dlnotes in the browser: the landscapes of notes 3.2 and 4.1 and plain gradient descent.
// Mirrors dlnotes/landscapes.py (Parabola, Elongated, Saddle, Rosenbrock, gd_path,
// critical_lr, gd_regime); tests/browser/test_js_rules.py compares them.
(function (D) {
  "use strict";

  // name -> {f, grad, dim, curvatures}; the same names as landscapes.LANDSCAPES
  D.LANDSCAPES = {
    // note 3.2: f = p**2, one parameter
    parabola: { dim: 1, curvatures: [2.0], f: (x) => x ** 2, grad: (x) => [2 * x] },
    // book 6.1.3: f = x**2 / 20 + y**2, twenty times steeper in y
    book: {
      dim: 2, curvatures: [0.1, 2.0],
      f: (x, y) => x ** 2 / 20 + y ** 2,
      grad: (x, y) => [x / 10, 2 * y],
    },
    // f = x**2 - y**2: a saddle at the origin
    saddle: { dim: 2, curvatures: null, f: (x, y) => x ** 2 - y ** 2, grad: (x, y) => [2 * x, -2 * y] },
    // f = (1 - x)**2 + 100 (y - x**2)**2: the banana valley
    rosenbrock: {
      dim: 2, curvatures: null,
      f: (x, y) => (1 - x) ** 2 + 100 * (y - x ** 2) ** 2,
      grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x ** 2), 200 * (y - x ** 2)],
    },
  };

  // landscapes.gd_path (note 3.2): p <- p - lr grad(p); a diverging run stops once |p| > 1e6
  D.gdPath = function (name, lr, steps, start) {
    const f = D.LANDSCAPES[name];
    let p = start.slice();
    const path = [p.slice()];
    for (let i = 0; i < steps; i++) {
      const g = f.grad(...p);
      p = p.map((v, k) => v - lr * g[k]);
      path.push(p.slice());
      if (Math.max(...p.map(Math.abs)) > 1e6) break;
    }
    return path;
  };

  // landscapes.critical_lr: 2 / max(curvatures)
  D.criticalLr = (name) => 2.0 / Math.max(...D.LANDSCAPES[name].curvatures);

  // landscapes.gd_regime: how each step scales the stiffest axis, factor = 1 - lr max(a)
  D.gdRegime = function (name, lr) {
    const factor = 1 - lr * Math.max(...D.LANDSCAPES[name].curvatures);
    if (Math.abs(factor) >= 1) return Math.abs(factor) > 1 ? "diverging" : "oscillating forever";
    if (factor < 0) return "oscillating";
    return factor > 0.8 ? "slow" : "fast";
  };
})((globalThis.dlnotes = globalThis.dlnotes || {}));
