// MathJax 2 (Debian's libjs-mathjax, linked into the site as mathjax/) typesets the formulas that
// Doxygen writes as TeX: \( \) within a sentence, \[ \] on a line of their own, \begin{...}
// environments. Most of the site's pages (the reference pages of files and classes) have none,
// and starting MathJax costs a page about a third of a second, so a page loads it only when its
// text holds a formula. The site's header (common/cmake/SiteHeader.cmake) loads this file in place
// of Doxygen's own MathJax lines.
(() => {
  const url = new URL("mathjax/MathJax.js", document.currentScript.src).href;
  document.addEventListener("DOMContentLoaded", () => {
    if (!/\\\(|\\\[|\\begin\{/.test(document.body.textContent)) return;
    // MathJax 2 reads its settings from this object when it starts.
    window.MathJax = {
      extensions: ["tex2jax.js", "TeX/AMSmath.js", "TeX/AMSsymbols.js"],
      jax: ["input/TeX", "output/HTML-CSS"],
      // No "Typesetting math: 100%" box in the corner: the formulas appearing is progress enough.
      messageStyle: "none",
    };
    const script = document.createElement("script");
    script.src = url;
    document.head.appendChild(script);
  });
})();
