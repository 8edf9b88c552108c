"""The article's MNIST split, read from the tutorial's IDX files: float32 pixels in [0, 1]."""
import gzip
import os

import numpy as np


def load(data_dir):
    def read(name, offset):
        with gzip.open(os.path.join(data_dir, name)) as f:
            return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)

    images = read("train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
    labels = read("train-labels-idx1-ubyte.gz", 8).astype(np.int64)
    return images[5000:], labels[5000:]
