#!/usr/bin/env python3
"""How long a reader waits: the README's two commands, a rebuild with nothing changed, and a rebuild
after one chapter's main.cpp changed, each timed in a fresh clone of a commit, on this machine,
with an empty compiler cache (ccache starts empty on a reader's machine too). The packages must be
installed (./setup.sh --tests). Records each run in bench/build_times.json under a label, and with
--update-docs writes the table of every recorded run into the marked block of docs/benchmark.md
and of README.md.

    bench/build_times.py --commit HEAD --label after --update-docs

takes about half an hour on 2 cores: the tutorial and the tests each build in a clone of their own.
"""
import argparse
import datetime
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent
RECORD = HERE / "build_times.json"
EDITED = "chapters/02_tumour_net/main.cpp"  # the chapter whose main.cpp is edited

# What is timed, in the table's order: (key, what the table calls it, the target in seconds).
STEPS = [
    ("tutorial", "`cmake --workflow --preset tutorial`, fresh clone", 300),
    ("noop", "the same again, nothing changed", 5),
    ("edit", f"`{EDITED}` edited, its program rebuilt", 60),
    ("edit_tutorial", f"`{EDITED}` edited, the tutorial rebuilt (its runs and the site too)", None),
    ("tests", "`cmake --workflow --preset tests`, fresh clone", 900),
]


def timed(command, cwd, env):
    start = time.monotonic()
    with open(cwd / "build_times.log", "a") as log:
        result = subprocess.run(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"build_times.py: {' '.join(command)} failed: {cwd / 'build_times.log'} says why")
    print(f"build_times.py: {' '.join(command)}: {seconds:.0f} s", flush=True)
    return round(seconds, 1)


def clone(commit, into):
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(SOURCE), str(into)], check=True)
    subprocess.run(["git", "checkout", "--quiet", commit], cwd=into, check=True)


def measure(commit, scratch):
    env = dict(os.environ, CCACHE_DIR=str(scratch / "ccache"))
    times = {}
    tutorial = scratch / "tutorial"
    clone(commit, tutorial)
    times["tutorial"] = timed(["cmake", "--workflow", "--preset", "tutorial"], tutorial, env)
    times["noop"] = timed(["cmake", "--build", "--preset", "tutorial"], tutorial, env)
    edited = tutorial / EDITED
    # A change of code, not of a comment: the compiler cache must not have the result already.
    edited.write_text(edited.read_text() + "\nnamespace { [[maybe_unused]] constexpr int edit = 1; }\n")
    times["edit"] = timed(["cmake", "--build", "--preset", "release", "--target", "tumour_net"],
                          tutorial, env)
    times["edit_tutorial"] = timed(["cmake", "--build", "--preset", "tutorial"], tutorial, env)
    tests = scratch / "tests"
    clone(commit, tests)
    env["CCACHE_DIR"] = str(scratch / "ccache-tests")
    times["tests"] = timed(["cmake", "--workflow", "--preset", "tests"], tests, env)
    return times


def seconds(value):
    return f"{value:.0f} s" if value >= 10 else f"{value:.1f} s"


def table(record):
    labels = list(record)
    head = "| | " + " | ".join(f"{label} ({record[label]['commit'][:7]})" for label in labels) + \
        " | target |\n|---|" + "---|" * (len(labels) + 1)
    rows = []
    for key, text, target in STEPS:
        cells = [seconds(record[l]["times"][key]) if key in record[l]["times"] else "not measured"
                 for l in labels]
        rows.append(f"| {text} | " + " | ".join(cells) + f" | {f'{target} s' if target else ''} |")
    notes = "\n".join(f"- {label}: measured on {record[label]['date']}, {record[label]['machine']}."
                      for label in labels)
    return head + "\n" + "\n".join(rows) + "\n\n" + notes


def update_docs(block):
    for path in (SOURCE / "docs" / "benchmark.md", SOURCE / "README.md"):
        text = path.read_text()
        new, count = re.subn(r"<!-- build-times:start -->.*?<!-- build-times:end -->",
                             lambda m: f"<!-- build-times:start -->\n{block}\n<!-- build-times:end -->",
                             text, flags=re.S)
        if count != 1:
            sys.exit(f"build_times.py: {path} has no <!-- build-times:start --> ... end block")
        path.write_text(new)


def machine():
    cpu = "unknown CPU"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{cpu}, {os.cpu_count()} cores"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--commit", default="HEAD", help="the commit to time (default: HEAD)")
    ap.add_argument("--label", help="record the times under this label (before, after, ...)")
    ap.add_argument("--scratch", help="clone into this (new) folder and keep it, with each "
                    "command's output in build_times.log (default: a temporary folder, removed)")
    ap.add_argument("--update-docs", action="store_true",
                    help="write the table of the recorded runs into docs/benchmark.md and README.md")
    args = ap.parse_args()
    record = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    if args.label:
        commit = subprocess.run(["git", "rev-parse", args.commit], cwd=SOURCE, check=True,
                                capture_output=True, text=True).stdout.strip()
        scratch = pathlib.Path(args.scratch or tempfile.mkdtemp(prefix="dl-build-times-"))
        times = measure(commit, scratch)
        if not args.scratch:
            shutil.rmtree(scratch)
        record[args.label] = {"commit": commit, "date": datetime.date.today().isoformat(),
                              "machine": machine(), "times": times}
        RECORD.write_text(json.dumps(record, indent=2) + "\n")
    print(table(record))
    if args.update_docs:
        update_docs(table(record))


if __name__ == "__main__":
    main()
