// MathJax 3 (vendored, SVG output: no fonts, no CDN). Typeset again after every instant navigation.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  svg: { fontCache: "global" },
};

document$.subscribe(() => {
  if (!window.MathJax.startup || !window.MathJax.startup.promise) return;
  window.MathJax.startup.promise.then(() => {
    MathJax.startup.output.clearFontCache();
    MathJax.typesetClear();
    MathJax.texReset();
    return MathJax.typesetPromise();
  });
});
