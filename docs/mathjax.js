// No "Typesetting math: 100%" box in the corner: the formulas appearing is progress enough.
MathJax.Hub.Config({ messageStyle: "none" });
