#!/usr/bin/env python3
"""Writes one chapter's bundle for the browser, live_<slug>.js: a script that registers the
program's worker code with live.js and describes the chapter's panel.

    bundle.py --slug SLUG --program PROGRAM.js --worker worker.js --panel chapters/NN/live.js
              [--file /data/PATH=SOURCE ...] --out live_SLUG.js

The worker's code is the data files the program reads (base64, under the path the program opens),
the program's module factory (emscripten's output) and worker.js, as one JSON string: live.js
makes a Worker of it from a Blob, which works from file:// as well as from a server.
"""
import argparse
import base64
import json
import os


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--slug", required=True)
    parser.add_argument("--program", required=True)
    parser.add_argument("--worker", required=True)
    parser.add_argument("--panel", required=True)
    parser.add_argument("--file", action="append", default=[])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    files = {}
    for item in args.file:
        target, source = item.split("=", 1)
        with open(source, "rb") as f:
            files[target] = base64.b64encode(f.read()).decode("ascii")
    with open(args.program, encoding="utf-8") as f:
        program = f.read()
    with open(args.worker, encoding="utf-8") as f:
        worker = f.read()
    with open(args.panel, encoding="utf-8") as f:
        panel = f.read()
    code = "const DL_FILES = " + json.dumps(files) + ";\n" + program + "\n" + worker
    text = ("// The browser build of " + args.slug + ", written by common/live/bundle.py.\n"
            "dlLive.register(" + json.dumps(args.slug) + ", " + json.dumps(code) + ");\n" + panel)
    temporary = args.out + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, args.out)


if __name__ == "__main__":
    main()
