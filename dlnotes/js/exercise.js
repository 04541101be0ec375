// In-page exercises (issue 16, item 5).  Not a rule file: dlnotes.exercises.answer_box puts it
// after each answer box.  The box's data-answer is the exercise's Answer.spec(), written at
// build time by the Python checker's own Answer, so the verdict and its wording are the
// checker's: judge() below mirrors Answer.judge() line by line.  The spec also carries the box's
// language (issue 15): the verdict's prefixes ("Right: " / "正解：") and the not-a-number line.
globalThis.dlnotesExercise = globalThis.dlnotesExercise || (function () {
  // Python's format(x, "g"): 6 significant digits, trailing zeros dropped
  function fmtG(x) {
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    if (x === 0) return Object.is(x, -0) ? "-0" : "0";
    const strip = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
    const [mantissa, e] = x.toExponential(5).split("e");
    const exp = Number(e);
    if (exp < -4 || exp >= 6) {
      return strip(mantissa) + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
    }
    return strip(x.toFixed(5 - exp));
  }

  // "0.25, 0", "(5, 4)", "[0, 0, 1]", "1/4": the numbers typed, or null if one is not a number.
  // Full-width digits and signs (typed with a Japanese input method) count as their ASCII
  // forms, and 、 separates numbers like a comma.
  function parse(text) {
    const ascii = text.normalize("NFKC").replace(/\u2212/g, "-");
    const items = ascii.replace(/[()[\]]/g, " ").split(/[,、\s]+/).filter((t) => t !== "");
    if (!items.length) return null;
    const values = items.map((t) => {
      const frac = t.split("/");
      if (frac.length === 2) return Number(frac[0]) / Number(frac[1]);
      return Number(t);
    });
    return values.some((v) => Number.isNaN(v)) ? null : values;
  }

  function show(spec, values) {
    const text = values.map(fmtG).join(", ");
    return spec.brackets ? spec.brackets[0] + text + spec.brackets.slice(1) : text;
  }

  function judge(spec, values) {
    const want = spec.expected;
    if (values.length !== want.length) {
      return [false, spec.size_wrong.split("{n}").join(String(want.length)).split("{m}").join(String(values.length))];
    }
    const bad = values.map((v, i) => Math.abs(v - want[i]) > spec.tol);
    if (!bad.some((b) => b)) return [true, spec.right];
    if (spec.parts.length) {
      return [false, spec.parts.map((p, i) => (bad[i] ? p.split("{v}").join(fmtG(values[i])) : null))
        .filter((p) => p !== null).join("; ") + "."];
    }
    const match = spec.hints.find(([typical]) => typical.length === values.length
      && typical.every((t, i) => Math.abs(t - values[i]) <= 1e-9));
    return [false, spec.wrong.split("{v}").join(show(spec, values)).split("{hint}").join(match ? match[1] : "")];
  }

  function attach(form) {
    if (form.__dlnotesExercise) return;
    form.__dlnotesExercise = true;
    const spec = JSON.parse(form.dataset.answer);
    const input = form.querySelector("input");
    const out = form.querySelector("output");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values = parse(input.value);
      if (values === null) {
        out.textContent = spec.not_a_number;
        out.className = "dlnotes-verdict";
        return;
      }
      const [ok, why] = judge(spec, values);
      out.textContent = (ok ? spec.prefix_right : spec.prefix_wrong) + why;
      out.className = "dlnotes-verdict " + (ok ? "dlnotes-right" : "dlnotes-wrong");
    });
  }

  return {fmtG, parse, judge, attach};
})();
document.querySelectorAll("form.dlnotes-exercise").forEach(globalThis.dlnotesExercise.attach);
