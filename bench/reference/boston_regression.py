"""Chapter 3's improved network as an L-layer loop in plain NumPy, for the benchmark."""
import argparse

import numpy as np

from common import Stopwatch, report

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--layers", default="13,20,20,1")
parser.add_argument("--iterations", type=int, default=5000)
args = parser.parse_args()

table = np.loadtxt(args.data, delimiter=",", skiprows=1)
rng = np.random.default_rng(1)
order = rng.permutation(len(table))
train = table[order[102:]]
X, Y = train[:, :13].T, train[:, 13:].T
X = (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, ddof=1, keepdims=True)
sizes = [int(s) for s in args.layers.split(",")]
W = [rng.standard_normal((sizes[l], sizes[l - 1])) * np.sqrt(2 / sizes[l - 1]) for l in range(1, len(sizes))]
b = [np.zeros((sizes[l], 1)) for l in range(1, len(sizes))]
L, m, lr, lam = len(W), X.shape[1], 0.02, 10.0
with Stopwatch() as clock:
    for i in range(args.iterations):
        A = [X]
        Z = [None]
        for l in range(L):
            Z.append(W[l] @ A[-1] + b[l])
            A.append(np.maximum(Z[-1], 0) if l < L - 1 else Z[-1])
        cost = (np.sum((A[-1] - Y) ** 2) + lam * sum(np.sum(w * w) for w in W)) / (2 * m)
        dZ = A[-1] - Y
        for l in range(L, 0, -1):
            dW = (dZ @ A[l - 1].T + lam * W[l - 1]) / m
            db = np.sum(dZ, axis=1, keepdims=True) / m
            if l > 1:
                dZ = (W[l - 1].T @ dZ) * (Z[l - 1] > 0)
            W[l - 1] -= lr * dW
            b[l - 1] -= lr * db
report(clock.seconds, args.iterations, final_cost=float(cost))
