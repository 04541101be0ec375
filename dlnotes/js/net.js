// dlnotes in the browser: the small multi-layer network the 03-4 playground trains in the page.
// It mirrors dlnotes/layers.py (Affine, Relu, Sigmoid, SoftmaxWithLoss) and dlnotes/network.py
// (MultiLayerNet.gradient) operation for operation, and uses optimizers.js for the update.
// tests/browser/test_live_train.py trains it next to dlnotes from the same weights and
// mini-batches and compares the weights after 50 steps.
//
// Arrays: a batch is a row-major Float64Array of n rows; W of Affine is (nIn, nOut) row-major,
// as numpy's C order, so params here and MultiLayerNet.params hold the same numbers in the
// same places.
(function (D) {
  "use strict";

  // layers.Affine (notes 2.4, 3.3.3, seed 003): Y = X W + b
  class Affine {
    constructor(W, b) {
      this.W = W; this.b = b;
      this.nOut = b.length; this.nIn = W.length / b.length;
      this.needsDx = true;        // MultiLayerNet sets false on the first layer (its input is data)
    }
    forward(x, n) {
      const { W, b, nIn, nOut } = this;
      this.x = x; this.n = n;
      const out = new Float64Array(n * nOut);
      for (let i = 0; i < n; i++) {
        const o = i * nOut;
        for (let k = 0; k < nIn; k++) {          // np.dot(x, W)
          const xk = x[i * nIn + k], w = k * nOut;
          for (let j = 0; j < nOut; j++) out[o + j] += xk * W[w + j];
        }
        for (let j = 0; j < nOut; j++) out[o + j] += b[j];   // + b, broadcast to every row
      }
      return out;
    }
    backward(dout) {
      const { W, x, n, nIn, nOut } = this;
      const dW = new Float64Array(nIn * nOut), db = new Float64Array(nOut);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < nIn; k++) {          // dL/dW = X^T dL/dY  (seed 003)
          const xk = x[i * nIn + k];
          for (let j = 0; j < nOut; j++) dW[k * nOut + j] += xk * dout[i * nOut + j];
        }
        for (let j = 0; j < nOut; j++) db[j] += dout[i * nOut + j];   // column sums (note 3.3.3)
      }
      this.dW = dW; this.db = db;
      if (!this.needsDx) return null;
      const dx = new Float64Array(n * nIn);      // dL/dX = dL/dY W^T  (seed 003)
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < nIn; k++) {
          let s = 0;
          for (let j = 0; j < nOut; j++) s += dout[i * nOut + j] * W[k * nOut + j];
          dx[i * nIn + k] = s;
        }
      }
      return dx;
    }
  }

  // layers.Relu (notes 2.3.2, 3.3.4): max(0, x); backward passes dout where x > 0
  class Relu {
    forward(x) {
      const out = new Float64Array(x.length), mask = new Uint8Array(x.length);
      for (let i = 0; i < x.length; i++) {
        mask[i] = x[i] <= 0 ? 1 : 0;
        out[i] = mask[i] ? 0 : x[i];
      }
      this.mask = mask;
      return out;
    }
    backward(dout) {
      const dx = Float64Array.from(dout);        // a copy: the caller's dout stays as it was
      for (let i = 0; i < dx.length; i++) if (this.mask[i]) dx[i] = 0;
      return dx;
    }
  }

  // layers.Sigmoid (note 2.3.1): y = 1 / (1 + exp(-x)); backward multiplies by y (1 - y)
  class Sigmoid {
    forward(x) {
      const out = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = D.sigmoid(x[i]);
      this.out = out;
      return out;
    }
    backward(dout) {
      const y = this.out, dx = new Float64Array(dout.length);
      for (let i = 0; i < dx.length; i++) dx[i] = dout[i] * y[i] * (1.0 - y[i]);
      return dx;
    }
  }

  // functions.softmax on each row (notes 2.3.3, 2.5): shifted by the row maximum
  function softmaxRows(x, n, k) {
    const y = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let j = 0; j < k; j++) m = Math.max(m, x[i * k + j]);
      let s = 0;
      for (let j = 0; j < k; j++) { y[i * k + j] = Math.exp(x[i * k + j] - m); s += y[i * k + j]; }
      for (let j = 0; j < k; j++) y[i * k + j] /= s;
    }
    return y;
  }
  D.softmaxRows = softmaxRows;

  // layers.SoftmaxWithLoss (note 3.3.7): softmax, then the batch-mean cross-entropy
  // -sum(T log y) / batch (functions._cross_entropy, y clipped at 1e-300); the labels t become
  // one-hot rows T; backward is dout (Y - T) / batch
  class SoftmaxWithLoss {
    forward(x, t, n, k) {
      const y = softmaxRows(x, n, k), T = new Float64Array(n * k);
      for (let i = 0; i < n; i++) T[i * k + t[i]] = 1.0;
      let s = 0;
      for (let i = 0; i < n * k; i++) s += T[i] * Math.log(Math.max(y[i], 1e-300));
      this.y = y; this.T = T; this.n = n;
      this.loss = -s / n;
      return this.loss;
    }
    backward(dout = 1.0) {
      const { y, T, n } = this, dx = new Float64Array(y.length);
      for (let i = 0; i < y.length; i++) dx[i] = dout * (y[i] - T[i]) / n;
      return dx;
    }
  }

  const ACTIVATION_LAYERS = { relu: Relu, sigmoid: Sigmoid };
  // network._INIT_SCALES: std = sqrt(scale / n_in), He for ReLU and Xavier for sigmoid
  const INIT_SCALES = { relu: 2.0, sigmoid: 1.0 };

  // network.MultiLayerNet without batch norm, dropout or weight decay:
  // [Affine -> activation] x L -> Affine -> SoftmaxWithLoss, over params {W1, b1, ...}
  // (the layers hold these very arrays, so an optimizer's in-place update is what they use)
  class MultiLayerNet {
    constructor(sizes, activation, params) {
      this.sizes = sizes; this.activation = activation; this.params = params;
      this.layers = [];
      const L = sizes.length - 1;
      for (let i = 1; i <= L; i++) {
        this.layers.push(new Affine(params[`W${i}`], params[`b${i}`]));
        if (i < L) this.layers.push(new ACTIVATION_LAYERS[activation]());
      }
      this.layers[0].needsDx = false;            // the data need no gradient
      this.lastLayer = new SoftmaxWithLoss();
      this.lastLoss = null;
    }
    predict(x, n) {                              // scores before softmax, (n, output size)
      for (const layer of this.layers) x = layer instanceof Affine ? layer.forward(x, n) : layer.forward(x);
      return x;
    }
    loss(x, t, n) {
      return this.lastLayer.forward(this.predict(x, n), t, n, this.sizes[this.sizes.length - 1]);
    }
    // MultiLayerNet.gradient: forward (the loss kept in lastLoss), then backward through the
    // layers in reverse; {W1: dW, b1: db, ...}
    gradient(x, t, n) {
      this.lastLoss = this.loss(x, t, n);
      let dout = this.lastLayer.backward(1.0);
      for (let i = this.layers.length - 1; i >= 0; i--) dout = this.layers[i].backward(dout);
      const grads = {};
      this.layers.filter((l) => l instanceof Affine).forEach((a, i) => {
        grads[`W${i + 1}`] = a.dW; grads[`b${i + 1}`] = a.db;
      });
      return grads;
    }
    accuracy(x, t, n) {
      const y = this.predict(x, n), k = this.sizes[this.sizes.length - 1];
      let right = 0;
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let j = 1; j < k; j++) if (y[i * k + j] > y[i * k + best]) best = j;
        if (best === t[i]) right++;
      }
      return right / n;
    }
  }
  D.Affine = Affine; D.Relu = Relu; D.Sigmoid = Sigmoid; D.SoftmaxWithLoss = SoftmaxWithLoss;
  D.MultiLayerNet = MultiLayerNet;

  // A small seeded generator (mulberry32) for the page's own initial weights and batch order;
  // numpy's generator is not reproduced (the weight test passes dlnotes' weights in)
  D.rng = function (seed) {
    let a = seed >>> 0;
    const uniform = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let z = a;
      z = Math.imul(z ^ (z >>> 15), z | 1);
      z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
      return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
    };
    const normal = () => {                       // Box-Muller
      const u = 1 - uniform(), v = uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    };
    const permutation = (n) => {                 // Fisher-Yates
      const p = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) { const j = Math.floor(uniform() * (i + 1)); [p[i], p[j]] = [p[j], p[i]]; }
      return p;
    };
    return { uniform, normal, permutation };
  };

  // MultiLayerNet._init_weight: W = sqrt(scale / n_in) N(0, 1), b = 0
  D.initParams = function (sizes, activation, rng) {
    const params = {};
    for (let i = 1; i < sizes.length; i++) {
      const std = Math.sqrt(INIT_SCALES[activation] / sizes[i - 1]);
      const W = new Float64Array(sizes[i - 1] * sizes[i]);
      for (let j = 0; j < W.length; j++) W[j] = std * rng.normal();
      params[`W${i}`] = W;
      params[`b${i}`] = new Float64Array(sizes[i]);
    }
    return params;
  };

  // One training step (note 3.2): the mini-batch rows idx of (X, t), their gradient by
  // backprop (3.3), then the optimizer's update (4.1); returns the mini-batch loss
  D.trainStep = function (net, opt, X, t, idx) {
    const d = net.sizes[0], n = idx.length;
    const xb = new Float64Array(n * d), tb = new Int32Array(n);
    idx.forEach((r, i) => { for (let j = 0; j < d; j++) xb[i * d + j] = X[r * d + j]; tb[i] = t[r]; });
    opt.update(net.params, net.gradient(xb, tb, n));
    return net.lastLoss;
  };

  // The 2-D toy sets of dlnotes.datasets at any noise level.  Noise enters every generator
  // linearly, with the same seeded draws z whatever its size: on the point for moons, circles,
  // xor and blobs (X = base + noise z), on the angle for the spirals (a = a0 + noise z,
  // X = (r sin a, r cos a)).  Python passes base and z (taken from the generators themselves);
  // the result is standardised per axis as experiments.toy_data does.
  D.toyData = function (part, noise) {
    const n = part.t.length, X = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      if (part.kind === "angle") {
        const r = part.b0[i], a = part.b1[i] + noise * part.z0[i];
        X[2 * i] = r * Math.sin(a); X[2 * i + 1] = r * Math.cos(a);
      } else {
        X[2 * i] = part.b0[i] + noise * part.z0[i]; X[2 * i + 1] = part.b1[i] + noise * part.z1[i];
      }
    }
    for (let j = 0; j < 2; j++) {                // (X - X.mean(0)) / X.std(0)
      let m = 0, v = 0;
      for (let i = 0; i < n; i++) m += X[2 * i + j];
      m /= n;
      for (let i = 0; i < n; i++) v += (X[2 * i + j] - m) ** 2;
      const s = Math.sqrt(v / n) || 1;
      for (let i = 0; i < n; i++) X[2 * i + j] = (X[2 * i + j] - m) / s;
    }
    const t = Int32Array.from(part.t);
    return { X, t, n, k: Math.max(...t) + 1 };
  };

  // ------------------------------------------------------------ the 03-4 playground
  // A Bokeh layout (models m, see widgets.ch3.decision_boundary_explorer) whose network trains
  // in requestAnimationFrame batches: STEPS_PER_FRAME steps, then the boundary (class
  // probabilities over a grid), the loss curve and the accuracy are redrawn.
  const STEPS_PER_FRAME = 5;
  // A run has diverged when its loss is no longer finite or a weight has grown past BLOWUP:
  // softmax with cross-entropy keeps the loss finite long after a too-large rate has thrown
  // the weights out (Momentum at rate 10 on the moons: |w| > 1e6 within 5 steps)
  const BLOWUP = 1e6;
  const PALETTE = [[31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40]];
  const LIM = 2.5, GRID = 80;

  class Playground {
    constructor(m) {
      this.m = m; this.running = false; this.raf = null; this.stride = 1; this.frames = 0;
      const g = [];                              // the grid of pixel centres, row 0 at the bottom
      for (let r = 0; r < GRID; r++) for (let c = 0; c < GRID; c++) {
        g.push(-LIM + (c + 0.5) * 2 * LIM / GRID, -LIM + (r + 0.5) * 2 * LIM / GRID);
      }
      this.grid = Float64Array.from(g);
      this.seed = 0;
    }
    get lr() { return 10 ** this.m.lr.value; }
    // new data (dataset, noise) and a new network (layers, units, activation) from the controls
    reset() {
      const m = this.m, name = m.dataset.value, col = m.data.data;
      const part = { kind: m.kinds[name], t: col[`${name}_t`], b0: col[`${name}_b0`], b1: col[`${name}_b1`],
                     z0: col[`${name}_z0`], z1: col[`${name}_z1`] };
      this.data = D.toyData(part, m.noise.value);
      const sizes = [2, ...Array(m.layers.value).fill(m.units.value), this.data.k];
      this.seed += 1;
      const rng = D.rng(this.seed);
      this.rng = rng;
      this.net = new D.MultiLayerNet(sizes, m.activation.value, D.initParams(sizes, m.activation.value, rng));
      this.newOptimizer();
      this.step = 0; this.order = []; this.pos = 0; this.diverged = null; this.stride = 1; this.frames = 0;
      m.points.data = { x: Array.from(this.data.X.filter((_, i) => i % 2 === 0)),
                        y: Array.from(this.data.X.filter((_, i) => i % 2 === 1)),
                        color: Array.from(this.data.t, (c) => `rgb(${PALETTE[c].join(",")})`) };
      m.curve.data = { step: [], loss: [], acc: [] };
      this.rate = null;
      this.draw(true);
    }
    newOptimizer() {
      this.opt = D.makeOptimizer(this.m.optimizer.value, { lr: this.lr });
    }
    setLr() { this.opt.lr = this.lr; }
    // one mini-batch step; batches walk through a fresh permutation of the data each epoch
    oneStep() {
      const { n } = this.data, B = Math.min(this.m.batch.value, n);
      if (this.pos + B > this.order.length) { this.order = this.rng.permutation(n); this.pos = 0; }
      const idx = this.order.slice(this.pos, this.pos + B);
      this.pos += B;
      const loss = D.trainStep(this.net, this.opt, this.data.X, this.data.t, idx);
      this.step += 1;
      if (!Number.isFinite(loss) || !this.bounded()) this.stop(this.step);
    }
    bounded() {
      for (const k in this.net.params) for (const w of this.net.params[k]) if (!(Math.abs(w) <= BLOWUP)) return false;
      return true;
    }
    stop(step) {
      this.diverged = step;
      this.pause();
    }
    steps(count) {
      for (let i = 0; i < count && this.diverged === null; i++) this.oneStep();
    }
    // the boundary image, the curves and the readout; nothing is drawn from a non-finite state
    draw(first) {
      const m = this.m;
      if (this.diverged !== null) { this.readout(); return; }
      const { X, t, n, k } = this.data;
      const loss = this.net.loss(X, t, n), acc = this.net.accuracy(X, t, n);
      const p = D.softmaxRows(this.net.predict(this.grid, GRID * GRID), GRID * GRID, k);
      if (!Number.isFinite(loss) || !p.every(Number.isFinite)) { this.stop(this.step); this.readout(); return; }
      // uint32 RGBA (little-endian ABGR), GRID x GRID: a new array of the type Bokeh made from
      // numpy's (a changed copy, since Bokeh compares the old and new data before redrawing)
      const old = m.image.data.image[0], img = new old.constructor(GRID * GRID, [GRID, GRID]);
      for (let i = 0; i < GRID * GRID; i++) {
        let best = 0;
        for (let j = 1; j < k; j++) if (p[i * k + j] > p[i * k + best]) best = j;
        const sure = (p[i * k + best] - 1 / k) / (1 - 1 / k);    // 0 on the boundary, 1 when certain
        const a = 0.15 + 0.55 * sure, [r, g, b] = PALETTE[best];
        const mix = (c) => Math.round(255 + a * (c - 255));
        img[i] = (255 << 24 | mix(b) << 16 | mix(g) << 8 | mix(r)) >>> 0;
      }
      m.image.data = Object.assign({}, m.image.data, { image: [img] });
      this.loss = loss; this.acc = acc;
      if (first || this.frames % this.stride === 0) {
        const c = m.curve.data;
        if (c.step.length >= 1000) {            // keep the curve light: every other point
          m.curve.data = { step: c.step.filter((_, i) => i % 2 === 0), loss: c.loss.filter((_, i) => i % 2 === 0),
                           acc: c.acc.filter((_, i) => i % 2 === 0) };
          this.stride *= 2;
        }
        m.curve.stream({ step: [this.step], loss: [loss], acc: [acc] });
      }
      this.frames += 1;
      this.readout();
    }
    // the readout (widgets.ch3.playground_readout), one template per language (m.lang)
    readout() {
      const m = this.m, ja = m.lang === "ja", r = Math.round(this.rate);
      const rate = this.rate === null ? "" : (ja ? ` · 毎秒 ${r} ステップ` : ` · ${r} steps/s`);
      const epoch = Math.floor(this.step * Math.min(m.batch.value, this.data.n) / this.data.n);
      if (this.diverged !== null) {
        const bound = BLOWUP.toExponential(0), lr = this.lr.toPrecision(2);
        m.readout.text = ja
          ? `<span class="train-readout diverged"><b>ステップ ${this.diverged} で発散</b>：` +
            `重みが爆発した（${bound} を超える重みか、有限の数でない損失が現れた。` +
            `学習率 ${lr} は大きすぎる）。` +
            `図は最後の有限な状態を示す。学習率を下げて「リセット」を押す。</span>`
          : `<span class="train-readout diverged"><b>Diverged at step ${this.diverged}</b>: ` +
            `the weights blew up (a weight above ${bound} or a loss that is not a finite number; ` +
            `learning rate ${lr} is too large). ` +
            `The plot shows the last finite state; lower the rate and press Reset.</span>`;
        return;
      }
      const busy = this.running ? (ja ? " · 学習中" : " · training") : "";
      const loss = this.loss.toFixed(4), acc = this.acc.toFixed(3);
      m.readout.text = ja
        ? `<span class="train-readout">ステップ <b class="step">${this.step}</b>（エポック ${epoch}）· ` +
          `損失 <b class="loss">${loss}</b> · 正解率 <b class="acc">${acc}</b>${rate}${busy}</span>`
        : `<span class="train-readout">step <b class="step">${this.step}</b> (epoch ${epoch}) · ` +
          `loss <b class="loss">${loss}</b> · accuracy <b class="acc">${acc}</b>${rate}${busy}</span>`;
    }
    // the readout is an aria-live region (LiveFigure); while training it changes every frame, so
    // it is silent then and speaks again, once, with the state at the pause
    announce(on) {
      const r = this.m.readout;
      r.html_attributes = Object.assign({}, r.html_attributes, { "aria-live": on ? "polite" : "off" });
    }
    play() {
      if (this.running || this.diverged !== null) return;
      this.running = true;
      this.announce(false);
      const t0 = performance.now(), s0 = this.step;
      const frame = () => {
        if (!this.running) return;
        this.steps(STEPS_PER_FRAME);
        const dt = (performance.now() - t0) / 1000;
        if (dt > 0.5) this.rate = (this.step - s0) / dt;
        this.draw(false);
        if (this.running) this.raf = requestAnimationFrame(frame);
      };
      this.raf = requestAnimationFrame(frame);
    }
    pause() {
      this.running = false;
      if (this.raf !== null) cancelAnimationFrame(this.raf);
      this.raf = null;
      this.announce(true);
    }
  }

  // The playground of the layout whose models are m (one per figure, kept across callbacks);
  // action is the control that moved
  D.playground = function (m, action) {
    const all = (globalThis.dlnotesPlaygrounds = globalThis.dlnotesPlaygrounds || {});
    let pg = all[m.image.id];
    if (!pg) { pg = all[m.image.id] = new Playground(m); pg.reset(); }
    else pg.m = m;
    if (action === "play") pg.play();
    else if (action === "pause") { pg.pause(); pg.readout(); }
    else if (action === "step") { pg.pause(); pg.steps(1); pg.draw(true); }
    else if (["reset", "dataset", "noise", "layers", "units", "activation"].includes(action)) {
      const was = pg.running;
      pg.pause(); pg.reset();
      if (was) pg.play();
    } else if (action === "optimizer") pg.newOptimizer();
    else if (action === "lr") pg.setLr();
    else if (action === "batch") { pg.order = []; pg.readout(); }
    return pg;
  };
})((globalThis.dlnotes = globalThis.dlnotes || {}));
