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

  // gates.Perceptron (note 2.1): 1 if w1 x1 + w2 x2 + b >= 0 else 0
  D.perceptron = (w1, w2, b, x1, x2) => (x1 * w1 + x2 * w2 + b >= 0 ? 1 : 0);

  // gates.GATE_INPUTS: the four inputs 00, 01, 10, 11
  D.GATE_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];

  // gates.which_gate: the truth table's outputs looked up in GATE_NAMES (passed from Python,
  // keys "0,0,0,1" -> "AND")
  D.truthOutputs = (w1, w2, b) => D.GATE_INPUTS.map(([x1, x2]) => D.perceptron(w1, w2, b, x1, x2));
  D.whichGate = (w1, w2, b, gateNames) => gateNames[D.truthOutputs(w1, w2, b).join(",")];
})((globalThis.dlnotes = globalThis.dlnotes || {}));
