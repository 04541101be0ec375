// Accessible Bokeh sliders (issue 16, item 4).  Not a rule file: live.show() runs it once when
// a figure's document is ready, with the figure's sliders in `sliders`.
//
// Bokeh draws a slider as a noUiSlider handle (role="slider") inside the slider's shadow root,
// with no name and with aria-valuetext set to the raw position (e.g. "-0.30" for a log10
// slider that shows "0.501").  Each handle gets the slider's title as its name and the value
// shown after the title as aria-valuetext, and keeps them as the slider moves: noUiSlider
// rewrites aria-valuetext on every update, so ours is written after it, and again whenever
// Bokeh redraws the title.
globalThis.dlnotesA11y = globalThis.dlnotesA11y || (function () {
  function sync(root) {
    const title = root.querySelector(".bk-slider-title");
    const handle = root.querySelector('.noUi-target [role="slider"]');
    if (!title || !handle) return false;
    const shown = title.querySelector(".bk-slider-value");
    const name = Array.from(title.childNodes).filter((n) => n !== shown)
      .map((n) => n.textContent).join("").replace(/:\s*$/, "").trim();
    if (name && handle.getAttribute("aria-label") !== name) handle.setAttribute("aria-label", name);
    const text = shown ? shown.textContent.trim() : "";
    if (text && handle.getAttribute("aria-valuetext") !== text) handle.setAttribute("aria-valuetext", text);
    return true;
  }

  function watch(root) {
    if (!root || root.__dlnotesA11y) return;
    root.__dlnotesA11y = true;
    const hook = () => {
      sync(root);
      const target = root.querySelector(".noUi-target");
      if (target && target.noUiSlider && !target.__dlnotesA11y) {
        target.__dlnotesA11y = true;        // noUiSlider's own aria update runs first, then this
        target.noUiSlider.on("update.dlnotesA11y", () => setTimeout(() => sync(root), 0));
      }
    };
    // the title's text changes with the value; a re-render replaces the whole slider
    new MutationObserver(hook).observe(root, {childList: true, subtree: true, characterData: true});
    hook();
  }

  function label(sliders) {
    for (const model of sliders) {
      for (const view of Bokeh.index.find(model)) watch(view.shadow_el);
    }
  }

  return {label, sync};
})();
globalThis.dlnotesA11y.label(sliders);
