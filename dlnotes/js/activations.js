// dlnotes in the browser: activations, softmax and the perceptron (notes 2.1-2.3).
// Each function mirrors the Python one it names (dlnotes.functions, dlnotes.gates,
// dlnotes.experiments), operation for operation; tests/browser/test_js_rules.py compares them.
(function (D) {
  "use strict";

  // functions.step_function (note 2.1): 1 where x >= 0, else 0
  D.step = (x) => (x >= 0 ? 1 : 0);

  // functions.sigmoid (note 2.3.1): 1 / (1 + exp(-x)), written without overflow
  D.sigmoid = function (x) {
    if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
    const ex = Math.exp(x);
    return ex / (1.0 + ex);
  };

  // functions.sigmoid_grad: s (1 - s), at most 1/4
  D.sigmoidGrad = function (x) {
    const s = D.sigmoid(x);
    return s * (1.0 - s);
  };

  // functions.relu (note 2.3.2) and relu_grad (1 where x > 0)
  D.relu = (x) => Math.max(x, 0);
  D.reluGrad = (x) => (x > 0 ? 1 : 0);
  D.identity = (x) => x;

  // experiments.ACTIVATIONS: name -> [f, f']
  D.ACTIVATIONS = {
    step: [D.step, () => 0],
    sigmoid: [D.sigmoid, D.sigmoidGrad],
    relu: [D.relu, D.reluGrad],
    identity: [D.identity, () => 1],
  };

  // experiments.activation_values: f(scale x + shift) and its slope scale f'(scale x + shift);
  // the slope is NaN where step or ReLU has a kink (|scale x + shift| < 1e-9)
  D.activationValues = function (name, xs, scale, shift) {
    const [f, df] = D.ACTIVATIONS[name];
    const y = [], slope = [];
    for (const x of xs) {
      const z = scale * x + shift;
      y.push(f(z));
      const s = scale * df(z);
      slope.push((name === "step" || name === "relu") && Math.abs(z) < 1e-9 ? NaN : s);
    }
    return [y, slope];
  };

  // functions.softmax (notes 2.3.3, 2.5): shifted by the maximum, then exp / sum
  D.softmax = function (z) {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };

  // softmax(z / T): the temperature T flattens (T > 1) or sharpens (T < 1) the distribution
  D.softmaxTemperature = (z, T) => D.softmax(z.map((v) => v / T));

  // gates.Perceptron.net (note 2.1): the weighted sum w1 x1 + w2 x2 + b before the step
  D.perceptronNet = (w1, w2, b, x1, x2) => x1 * w1 + x2 * w2 + b;

  // gates.Perceptron (note 2.1): 1 if w1 x1 + w2 x2 + b >= 0 else 0 (it fires at exactly 0)
  D.perceptron = (w1, w2, b, x1, x2) => (D.perceptronNet(w1, w2, b, x1, x2) >= 0 ? 1 : 0);

  // gates.Perceptron(binary=False) on the grid (xs[i], xs[j]) (notes 2.1, 2.2): rows[j][i] is
  // the output at x1 = xs[i], x2 = xs[j], the regions where the neuron fires (1) or not (0)
  D.perceptronRegions = (w1, w2, b, xs) =>
    xs.map((x2) => xs.map((x1) => D.perceptron(w1, w2, b, x1, x2)));

  // gates.GATE_INPUTS: the four inputs 00, 01, 10, 11
  D.GATE_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];

  // gates.which_gate: the truth table's outputs looked up in GATE_NAMES (passed from Python,
  // keys "0,0,0,1" -> "AND")
  D.truthOutputs = (w1, w2, b) => D.GATE_INPUTS.map(([x1, x2]) => D.perceptron(w1, w2, b, x1, x2));
  D.whichGate = (w1, w2, b, gateNames) => gateNames[D.truthOutputs(w1, w2, b).join(",")];

  // Python's format(x, f".{digits}g"): `digits` significant digits, trailing zeros dropped,
  // scientific notation when the exponent is < -4 or >= digits (as "1.5e-05", "2e+10");
  // ties round half to even on the exact binary value, as Python does (toExponential
  // rounds them up)
  D.formatG = function (x, digits) {
    const p = digits === 0 ? 1 : digits;
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    const sign = x < 0 || Object.is(x, -0) ? "-" : "";
    const a = Math.abs(x);
    let [mant, e] = a.toExponential(p - 1).split("e");
    let ds = mant.replace(".", "");
    let exp = parseInt(e, 10);
    const [fine, fineE] = a.toExponential(Math.min(100, p + 30)).split("e");
    const all = fine.replace(".", "");
    if (/^50*$/.test(all.slice(p)) && Number(all[p - 1]) % 2 === 0) {  // an exact tie: keep it even
      ds = all.slice(0, p);
      exp = parseInt(fineE, 10);
    }
    const strip = (s) => s.replace(/0+$/, "");
    if (exp >= -4 && exp < p) {
      let int, frac;
      if (exp >= 0) { int = ds.slice(0, exp + 1); frac = ds.slice(exp + 1); }
      else { int = "0"; frac = "0".repeat(-exp - 1) + ds; }
      frac = strip(frac);
      return sign + int + (frac ? "." + frac : "");
    }
    const frac = strip(ds.slice(1));
    const ee = String(Math.abs(exp)).padStart(2, "0");
    return sign + ds[0] + (frac ? "." + frac : "") + "e" + (exp < 0 ? "-" : "+") + ee;
  };
})((globalThis.dlnotes = globalThis.dlnotes || {}));
