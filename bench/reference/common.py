"""Shared by the reference implementations: timing, the BLAS in use, the one JSON line they print."""
import json
import sys
import time


def blas_library():
    """The BLAS shared library this process has actually loaded (after numpy/torch import)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    libraries = sorted(p for p in paths if "libopenblas" in p) or sorted(paths)
    return ", ".join(libraries) or "unknown"


def report(seconds, steps, **extra):
    """Prints the result as one JSON line: total seconds and seconds per step."""
    print(json.dumps({"seconds": seconds, "steps": steps, "seconds_per_step": seconds / steps,
                      "blas": blas_library(), **extra}))
    sys.stdout.flush()


class Stopwatch:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
