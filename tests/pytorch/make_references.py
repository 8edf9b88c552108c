#!/usr/bin/python3
"""The PyTorch references of the chapters' losses and gradients (docs/testing.md, "PyTorch as referee").

For each chapter, the same model as the chapter's C++ code is written in PyTorch, in double
precision, from inputs and parameters that this script draws from a seeded generator; autograd
gives every gradient. The inputs, the parameters, the loss and the gradients go to
chapter<N>.json, every number in full round-trip precision (Python writes the shortest decimal
that reads back as the same double). tests/pytorch/pytorch_reference_test.cpp feeds the same
inputs and parameters to the C++ code and compares.

Matrices are written as lists of rows, in the chapters' layout: one column per sample, and a
weight matrix W of shape (outputs, inputs), which is also the shape of torch.nn.Linear's weight.

The inputs come from NumPy's legacy generator (numpy.random.RandomState), whose stream NumPy
promises never to change, so a later NumPy or PyTorch draws the very same inputs.

    /usr/bin/python3 tests/pytorch/make_references.py              # rewrite the checked-in files
    /usr/bin/python3 tests/pytorch/make_references.py --out DIR --compare-with tests/pytorch

The second form (the CTest test pytorch.references_are_current) writes to DIR and compares with
the checked-in files; it exits with 77 (CTest's "skipped") when PyTorch is not installed.
"""

import argparse
import json
import math
import pathlib
import re
import sys

SKIP = 77  # SKIP_RETURN_CODE of the CTest test
HERE = pathlib.Path(__file__).resolve().parent


def matrix(t):
    """A 2-D tensor (or array) as a list of rows of Python floats."""
    return [[float(v) for v in row] for row in t.tolist()]


def vector(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def chapter1(np, torch):
    """One quadratic neuron y = a x^2 + b x + c and its mean squared error."""
    rng = np.random.RandomState(101)
    F = torch.nn.functional
    m = 20
    x = rng.randn(m)
    y = 10 * x**2 + 5 * x + 12  # the chapter's data: the true neuron (10, 5, 12), no noise
    cases = []
    for name, start in [("the article's starting neuron (15, -2, 10)", [15.0, -2.0, 10.0]),
                        ("a random neuron", list(10 * rng.randn(3)))]:
        a, b, c = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in start)
        X, Y = torch.from_numpy(x), torch.from_numpy(y)
        J = F.mse_loss(a * X**2 + b * X + c, Y)
        J.backward()
        cases.append({"name": name,
                      "x": vector(x), "y": vector(y),
                      "a": start[0], "b": start[1], "c": start[2],
                      "loss": J.item(),
                      "dJ/da": a.grad.item(), "dJ/db": b.grad.item(), "dJ/dc": c.grad.item()})
    return cases


def linear(n_in, n_out, torch, W, b):
    """torch.nn.Linear(n_in, n_out) in double precision holding the given W and b."""
    layer = torch.nn.Linear(n_in, n_out, dtype=torch.float64)
    with torch.no_grad():
        layer.weight.copy_(torch.from_numpy(W))
        layer.bias.copy_(torch.from_numpy(b))
    return layer


def chapter2(np, torch):
    """The 9-15-1 network, ReLU then sigmoid, and the mean binary cross-entropy."""
    rng = np.random.RandomState(202)
    m = 40
    X = rng.randn(9, m)
    Y = (rng.rand(m) < 0.4).astype(np.float64)
    W1, b1 = rng.randn(15, 9) / 3, 0.1 * rng.randn(15)
    W2, b2 = rng.randn(1, 15) / math.sqrt(15), 0.1 * rng.randn(1)
    net = torch.nn.Sequential(linear(9, 15, torch, W1, b1), torch.nn.ReLU(),
                              linear(15, 1, torch, W2, b2), torch.nn.Sigmoid())
    Yh = net(torch.from_numpy(X.T))  # PyTorch's layout: one row per sample
    L = torch.nn.BCELoss()(Yh.reshape(-1), torch.from_numpy(Y))  # the article's loss of Yh
    L.backward()
    return [{"name": "9-15-1",
             "X": matrix(X), "Y": vector(Y),
             "W1": matrix(W1), "b1": vector(b1), "W2": matrix(W2), "b2": vector(b2),
             "loss": L.item(),
             "dW1": matrix(net[0].weight.grad), "db1": vector(net[0].bias.grad),
             "dW2": matrix(net[2].weight.grad), "db2": vector(net[2].bias.grad)}]


def chapter3(np, torch):
    """The L-layer ReLU network with a linear output, J = 1/(2m) sum (yhat - y)^2 + lambda/(2m) sum |W|^2."""
    rng = np.random.RandomState(303)
    m = 30
    X = rng.randn(13, m)
    Y = 20 + 5 * rng.randn(m)
    cases = []
    for sizes, lam in [([13, 5, 5, 1], 0.7), ([13, 8, 6, 4, 1], 0.7), ([13, 5, 5, 1], 0.0)]:
        Ws = [rng.randn(n, p) * math.sqrt(2 / p) for p, n in zip(sizes, sizes[1:])]  # He
        bs = [0.1 * rng.randn(n) for n in sizes[1:]]
        layers = []
        for l, (W, b) in enumerate(zip(Ws, bs)):
            layers.append(linear(W.shape[1], W.shape[0], torch, W, b))
            if l + 1 < len(Ws):
                layers.append(torch.nn.ReLU())
        net = torch.nn.Sequential(*layers)
        Yhat = net(torch.from_numpy(X.T)).reshape(-1)
        dense = [layer for layer in net if isinstance(layer, torch.nn.Linear)]
        J = (torch.sum((Yhat - torch.from_numpy(Y))**2)
             + lam * sum(torch.sum(layer.weight**2) for layer in dense)) / (2 * m)
        J.backward()
        cases.append({"name": "-".join(map(str, sizes)) + f", lambda {lam}",
                      "sizes": sizes, "lambda": lam, "X": matrix(X), "Y": vector(Y),
                      "W": [matrix(W) for W in Ws], "b": [vector(b) for b in bs],
                      "loss": J.item(),
                      "dW": [matrix(layer.weight.grad) for layer in dense],
                      "db": [vector(layer.bias.grad) for layer in dense]})
    return cases


def chapter4(np, torch):
    """A dl::Sequential stack 20-16-12-10 (ReLU, ReLU, softmax), the mean cross-entropy, one SGD step."""
    rng = np.random.RandomState(404)
    sizes, B, learning_rate = [20, 16, 12, 10], 32, 0.1
    X = rng.rand(20, B)  # pixel-like values in [0, 1]
    labels = rng.randint(0, 10, B)
    Ws = [(2 * rng.rand(n, p) - 1) * math.sqrt(6 / (p + n)) for p, n in zip(sizes, sizes[1:])]
    bs = [0.1 * rng.randn(n) for n in sizes[1:]]  # not Keras's zeros, so that db is tested
    net = torch.nn.Sequential(linear(20, 16, torch, Ws[0], bs[0]), torch.nn.ReLU(),
                              linear(16, 12, torch, Ws[1], bs[1]), torch.nn.ReLU(),
                              linear(12, 10, torch, Ws[2], bs[2]))
    # CrossEntropyLoss takes the logits: the softmax is inside it, as in the C++ loss().
    L = torch.nn.CrossEntropyLoss()(net(torch.from_numpy(X.T)), torch.from_numpy(labels))
    L.backward()
    dense = [net[0], net[2], net[4]]
    gradients = {"dW": [matrix(layer.weight.grad) for layer in dense],
                 "db": [vector(layer.bias.grad) for layer in dense]}
    torch.optim.SGD(net.parameters(), lr=learning_rate).step()
    return [{"name": "20-16-12-10, relu, relu, softmax",
             "sizes": sizes, "activations": ["relu", "relu", "softmax"],
             "X": matrix(X), "labels": [int(k) for k in labels],
             "W": [matrix(W) for W in Ws], "b": [vector(b) for b in bs],
             "learning_rate": learning_rate,
             "loss": L.item(), **gradients,
             "W_after_step": [matrix(layer.weight.detach()) for layer in dense],
             "b_after_step": [vector(layer.bias.detach()) for layer in dense]}]


CHAPTERS = {1: chapter1, 2: chapter2, 3: chapter3, 4: chapter4}


def numbers(value, path=""):
    """Every number in a JSON value, with where it is: [(path, number), ...]."""
    if isinstance(value, dict):
        return [item for k, v in value.items() for item in numbers(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [item for i, v in enumerate(value) for item in numbers(v, f"{path}[{i}]")]
    return [(path, value)]


def compare(made, kept, name):
    """Whether a regenerated reference equals the checked-in one. Inputs, names and shapes must be
    the same; each array of numbers (a gradient, a loss) must agree to 1e-12 of its size, as
    |made - kept| / |kept| over the whole array: another PyTorch or BLAS may add in another order,
    and an element that is a small difference of large terms then changes in its last digits
    (trixie's PyTorch moves some of chapter 2's dW1 by 1e-13 of their own size), while any change
    to a model or a formula moves whole arrays by far more. Prints each array that differs."""
    a, b = numbers(made["cases"]), numbers(kept["cases"])
    if [p for p, _ in a] != [p for p, _ in b]:
        print(f"{name}: the regenerated file has other fields or shapes than the checked-in one")
        return False
    groups = {}  # the path of each array, without its element indices -> [(made, kept), ...]
    for (path, x), (_, y) in zip(a, b):
        groups.setdefault(re.sub(r"(\[\d+\])+$", "", path), []).append((x, y))
    ok, bitwise = True, sum(x == y for (_, x), (_, y) in zip(a, b))
    for array, pairs in groups.items():
        if all(x == y for x, y in pairs):
            continue
        if not all(isinstance(x, float) and isinstance(y, float) for x, y in pairs):
            print(f"{name}{array}: regenerated {[x for x, _ in pairs]}, checked in {[y for _, y in pairs]}")
            ok = False
            continue
        difference = math.sqrt(sum((x - y) ** 2 for x, y in pairs))
        size = math.sqrt(sum(y ** 2 for _, y in pairs))
        if difference > 1e-12 * size:
            print(f"{name}{array}: differs by {difference / size if size else math.inf:.3g} of its size")
            ok = False
    print(f"{name}: {len(a)} numbers, {bitwise} bitwise equal"
          + ("" if ok else "; some arrays differ by more than 1e-12 of their size"))
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=HERE,
                        help="folder for chapter<N>.json (default: this script's folder)")
    parser.add_argument("--compare-with", type=pathlib.Path, metavar="DIR",
                        help="then compare with the chapter<N>.json files in DIR")
    args = parser.parse_args()
    try:
        import numpy as np
        import torch
    except ImportError as missing:
        print(f"make_references.py: skipped: {missing.name} is not installed "
              "(Debian's python3-torch and python3-numpy: ./setup.sh --tests)")
        return SKIP

    torch.use_deterministic_algorithms(True)
    args.out.mkdir(parents=True, exist_ok=True)
    ok = True
    for chapter, make in CHAPTERS.items():
        reference = {"chapter": chapter,
                     "made_by": "tests/pytorch/make_references.py",
                     "torch_version": torch.__version__,
                     "numpy_version": np.__version__,
                     "cases": make(np, torch)}
        target = args.out / f"chapter{chapter}.json"
        # One line per vector and per matrix row: the files stay short and diff well.
        text = re.sub(r'\[[^\[\]{}"]*\]', lambda row: json.dumps(json.loads(row.group(0))),
                      json.dumps(reference, indent=1))
        target.write_text(text + "\n")
        if args.compare_with:
            ok &= compare(reference, json.loads((args.compare_with / target.name).read_text()),
                          target.name)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
