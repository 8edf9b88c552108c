"""Chapter 1's training loop as the article writes it in NumPy (exact dJ/dc), for the benchmark."""
import argparse

import numpy as np

from common import Stopwatch, report

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=50)
parser.add_argument("--samples", type=int, default=1000)
args = parser.parse_args()

np.random.seed(1)
x = np.random.normal(0, 1, args.samples)
y = 10 * np.square(x) + 5 * x + 12
a, b, c = 15.0, -2.0, 10.0
losses = []
with Stopwatch() as clock:
    for epoch in range(args.epochs):
        predictions = a * x**2 + b * x + c
        losses.append(np.mean(np.square(predictions - y)))
        da = np.dot(np.square(x), 2 * (predictions - y)) / len(x)
        db = np.dot(x, 2 * (predictions - y)) / len(x)
        dc = np.sum(2 * (predictions - y)) / len(x)
        a, b, c = a - 0.1 * da, b - 0.1 * db, c - 0.1 * dc
report(clock.seconds, args.epochs, final=[a, b, c])
