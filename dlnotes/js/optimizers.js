// dlnotes in the browser: the update rules of note 4.1, mirroring dlnotes/optimizers.py.
// params and grads are {name: Float64Array}; update() changes params in place, with the
// state in per-name dicts (v, h, m) as in the book.  tests/browser/test_js_rules.py
// compares every rule with dlnotes on random settings.
(function (D) {
  "use strict";

  function zerosLike(params, store) {
    for (const k in params) if (!(k in store)) store[k] = new Float64Array(params[k].length);
  }

  // optimizers._adaptive_step: p <- p - lr num / (sqrt(sq) + eps); with eps = 0 a coordinate
  // whose sq is 0 does not move (instead of 0/0)
  function adaptiveStep(p, lr, num, sq, eps) {
    for (let i = 0; i < p.length; i++) {
      let step = Math.sqrt(sq[i]);
      step += eps;
      step = eps === 0 && !(step > 0) ? step : num[i] / step;
      step *= lr;
      p[i] -= step;
    }
  }

  const RULES = {
    // note 4.1: p <- p - lr g
    sgd: (o, p, g) => { for (let i = 0; i < p.length; i++) p[i] -= o.lr * g[i]; },
    // note 4.1.1: v <- momentum v - lr g;  p <- p + v
    momentum: (o, p, g, k) => {
      const v = o.v[k];
      for (let i = 0; i < p.length; i++) { v[i] *= o.momentum; v[i] -= o.lr * g[i]; p[i] += v[i]; }
    },
    // book Nesterov: p <- p + m m v - (1 + m) lr g;  v <- m v - lr g
    nesterov: (o, p, g, k) => {
      const v = o.v[k], m = o.momentum;
      for (let i = 0; i < p.length; i++) {
        p[i] += m * m * v[i] - (1 + m) * o.lr * g[i];
        v[i] *= m; v[i] -= o.lr * g[i];
      }
    },
    // book 6.1.5: h <- h + g g;  p <- p - lr g / (sqrt(h) + eps)
    adagrad: (o, p, g, k) => {
      const h = o.h[k];
      for (let i = 0; i < p.length; i++) h[i] += g[i] * g[i];
      adaptiveStep(p, o.lr, g, h, o.eps);
    },
    // note 4.1.2: h <- d h + (1 - d) g g;  p <- p - lr g / (sqrt(h) + eps)
    rmsprop: (o, p, g, k) => {
      const h = o.h[k];
      for (let i = 0; i < p.length; i++) { h[i] *= o.decay_rate; h[i] += (1 - o.decay_rate) * g[i] * g[i]; }
      adaptiveStep(p, o.lr, g, h, o.eps);
    },
    // note 4.1.3: m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g g; the bias correction is
    // folded into lr_t = lr sqrt(c2) / c1 and eps_t = eps sqrt(c2), as in dlnotes
    adam: (o, p, g, k) => {
      const m = o.m[k], v = o.v[k];
      for (let i = 0; i < p.length; i++) {
        m[i] += (1 - o.beta1) * (g[i] - m[i]);
        v[i] += (1 - o.beta2) * (g[i] * g[i] - v[i]);
      }
      let lrT = o.lr, epsT = o.eps;
      if (o.bias_correction) {
        const c1 = 1 - o.beta1 ** o.iter, c2 = 1 - o.beta2 ** o.iter;
        lrT = o.lr * Math.sqrt(c2) / c1;
        epsT = o.eps * Math.sqrt(c2);
      }
      adaptiveStep(p, lrT, m, v, epsT);
    },
  };

  // The book's defaults, as in dlnotes.optimizers
  const DEFAULTS = {
    sgd: { lr: 0.01 },
    momentum: { lr: 0.01, momentum: 0.9 },
    nesterov: { lr: 0.01, momentum: 0.9 },
    adagrad: { lr: 0.01, eps: 1e-7 },
    rmsprop: { lr: 0.01, decay_rate: 0.99, eps: 1e-7 },
    adam: { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7, bias_correction: true },
  };
  const STORES = { momentum: ["v"], nesterov: ["v"], adagrad: ["h"], rmsprop: ["h"], adam: ["m", "v"] };

  // optimizers.get_optimizer (and landscapes.make_optimizer's 'adam_note': Adam of note 4.1.3
  // as written, no bias correction and no epsilon)
  D.makeOptimizer = function (name, hyper) {
    const key = name === "adam_note" ? "adam" : name;
    const o = Object.assign({ name: key, iter: 0 }, DEFAULTS[key], hyper || {});
    if (name === "adam_note") Object.assign(o, { eps: 0, bias_correction: false });
    for (const s of STORES[key] || []) o[s] = {};
    o.update = function (params, grads) {
      for (const s of STORES[key] || []) zerosLike(params, o[s]);
      o.iter += 1;
      for (const k in params) RULES[key](o, params[k], grads[k], k);
    };
    return o;
  };

  // landscapes.run_optimizer: the path of opt on a 2-D landscape from start; the walk stops
  // (and the path is shorter) when the gradient or the point is no longer finite
  D.runOptimizer = function (opt, name, start, steps) {
    const f = D.LANDSCAPES[name];
    const params = { x: Float64Array.of(start[0]), y: Float64Array.of(start[1]) };
    const path = [[start[0], start[1]]];
    for (let i = 0; i < steps; i++) {
      const [dx, dy] = f.grad(params.x[0], params.y[0]);
      if (!(Number.isFinite(dx) && Number.isFinite(dy))) break;
      opt.update(params, { x: Float64Array.of(dx), y: Float64Array.of(dy) });
      if (!(Number.isFinite(params.x[0]) && Number.isFinite(params.y[0]))) break;
      path.push([params.x[0], params.y[0]]);
    }
    return path;
  };
})((globalThis.dlnotes = globalThis.dlnotes || {}));
