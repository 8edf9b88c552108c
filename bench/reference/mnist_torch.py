"""Chapter 4's training epoch in PyTorch: the same three layers, SGD 0.01, batch 32, same split."""
import argparse

import torch

from common import Stopwatch, report
from mnist_data import load

parser = argparse.ArgumentParser()
parser.add_argument("--data-dir", required=True)
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--threads", type=int, default=1)
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(1)
X, y = (torch.from_numpy(a) for a in load(args.data_dir))
model = torch.nn.Sequential(
    torch.nn.Linear(784, 300), torch.nn.ReLU(),
    torch.nn.Linear(300, 100), torch.nn.ReLU(),
    torch.nn.Linear(100, 10))
for layer in model:
    if isinstance(layer, torch.nn.Linear):  # Keras's defaults: Glorot uniform, zero biases
        torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
loss_fn = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
B, n, steps = 32, len(X), 0
with Stopwatch() as clock:
    for epoch in range(args.epochs):
        order = torch.randperm(n)
        for start in range(0, n, B):
            idx = order[start:start + B]
            optimizer.zero_grad()
            loss = loss_fn(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            steps += 1
report(clock.seconds / args.epochs, steps // args.epochs, torch=torch.__version__,
       torch_threads=torch.get_num_threads())
