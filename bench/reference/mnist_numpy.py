"""Chapter 4's training epoch in plain NumPy, float32, samples as rows as Keras stores them."""
import argparse

import numpy as np

from common import Stopwatch, report
from mnist_data import load

parser = argparse.ArgumentParser()
parser.add_argument("--data-dir", required=True)
parser.add_argument("--epochs", type=int, default=1)
args = parser.parse_args()

X, y = load(args.data_dir)
rng = np.random.default_rng(1)
sizes = [784, 300, 100, 10]
W = [rng.uniform(-1, 1, (sizes[l], sizes[l + 1])).astype(np.float32) * np.float32(np.sqrt(6 / (sizes[l] + sizes[l + 1])))
     for l in range(3)]
b = [np.zeros(sizes[l + 1], dtype=np.float32) for l in range(3)]
lr, B, n = np.float32(0.01), 32, len(X)
steps = 0
with Stopwatch() as clock:
    for epoch in range(args.epochs):
        order = rng.permutation(n)
        for start in range(0, n, B):
            idx = order[start:start + B]
            Xb, yb = X[idx], y[idx]
            Z1 = Xb @ W[0] + b[0]
            A1 = np.maximum(Z1, 0)
            Z2 = A1 @ W[1] + b[1]
            A2 = np.maximum(Z2, 0)
            Z3 = A2 @ W[2] + b[2]
            P = np.exp(Z3 - Z3.max(axis=1, keepdims=True))
            P /= P.sum(axis=1, keepdims=True)
            dZ3 = P
            dZ3[np.arange(len(yb)), yb] -= 1
            dZ3 /= len(yb)
            dW3, db3 = A2.T @ dZ3, dZ3.sum(axis=0)
            dZ2 = (dZ3 @ W[2].T) * (Z2 > 0)
            dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
            dZ1 = (dZ2 @ W[1].T) * (Z1 > 0)
            dW1, db1 = Xb.T @ dZ1, dZ1.sum(axis=0)
            for w, g in ((W[0], dW1), (W[1], dW2), (W[2], dW3), (b[0], db1), (b[1], db2), (b[2], db3)):
                w -= lr * g
            steps += 1
report(clock.seconds / args.epochs, steps // args.epochs)
