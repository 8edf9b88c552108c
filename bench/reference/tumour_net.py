"""Chapter 2's training loop in plain NumPy, the same work as the C++ program, for the benchmark."""
import argparse

import numpy as np

from common import Stopwatch, report

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--iterations", type=int, default=67000)
args = parser.parse_args()

rows = [line.strip().split(",") for line in open(args.data) if line.strip()]
rows = np.array([r for r in rows if "?" not in r], dtype=float)
X = ((rows[:500, 1:10] - 1) / 9).T
Y = (rows[:500, 10:] == 4).astype(float).T
np.random.seed(1)
W1, b1 = np.random.randn(15, 9) / np.sqrt(9), np.zeros((15, 1))
W2, b2 = np.random.randn(1, 15) / np.sqrt(15), np.zeros((1, 1))
m, lr = X.shape[1], 0.07
with Stopwatch() as clock:
    for i in range(args.iterations):
        Z1 = W1 @ X + b1
        A1 = np.maximum(Z1, 0)
        Z2 = W2 @ A1 + b2
        Yh = 1 / (1 + np.exp(-Z2))
        if i % 500 == 0:
            cost = np.mean(np.maximum(Z2, 0) - Y * Z2 + np.log1p(np.exp(-np.abs(Z2))))
        dZ2 = Yh - Y
        dW2 = dZ2 @ A1.T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (Z1 > 0)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
report(clock.seconds, args.iterations, final_cost=float(cost))
