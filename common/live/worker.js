// Runs a chapter program in a Web Worker: the chapter's own C++, compiled to WebAssembly by the
// build (common/cmake/Live.cmake). The page (live.js) makes this worker from a bundle that holds,
// before this file, DL_FILES (the data files the program reads, base64) and the program's module
// factory, dlProgram (emscripten's MODULARIZE output).
//
// The page sends {args, files, only}: the command line, files of its own to write first
// ({path: Uint8Array}: a drawing, a model), and which of DL_FILES the run needs (all if not
// given). The worker answers, in order,
//   {type: "output", fd, text, end}  as the program writes (stdout.js says what `end` is);
//   {type: "done", status, files}    when main() returns: its exit status and the files it wrote
//                                    into --out (text, and .bin files as bytes);
//   {type: "trap", message}          if the program traps or aborts instead.
// A training run has a worker of its own, which the page ends to stop it. The digit canvas keeps
// one worker and sends it one short run after another.
"use strict";

const OUT = "/out";
let instance = null;  // the program, made once per worker
const written = new Set();

function bytesOf(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; ++i) bytes[i] = text.charCodeAt(i);
  return bytes;
}

// The browser build has no zlib (dl/idx.cpp): files that end in .gz are decompressed here, with
// the browser's own DecompressionStream, and stored under the same name, as gzread would read it.
async function contentOf(path, base64) {
  const bytes = bytesOf(base64);
  if (!path.endsWith(".gz")) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function write(FS, path, bytes) {
  let folder = "";
  for (const part of path.split("/").slice(1, -1)) {
    folder += "/" + part;
    try { FS.mkdir(folder); } catch (e) { /* exists */ }
  }
  FS.writeFile(path, bytes);
}

function readOutputs(FS) {
  const files = {};
  let names = [];
  try { names = FS.readdir(OUT); } catch (e) { return files; }
  for (const name of names) {
    if (/\.(json|csv|txt|dot)$/.test(name)) files[name] = FS.readFile(OUT + "/" + name, {encoding: "utf8"});
    else if (/\.bin$/.test(name)) files[name] = FS.readFile(OUT + "/" + name);
  }
  return files;
}

self.onmessage = async (event) => {
  const {args, files = {}, only = null} = event.data;
  try {
    if (!instance) {
      instance = await dlProgram({
        noInitialRun: true,
        dlOutput: (fd, text, end) => postMessage({type: "output", fd, text, end}),
        print: (text) => postMessage({type: "output", fd: 1, text, end: "\n"}),
        printErr: (text) => postMessage({type: "output", fd: 2, text, end: "\n"}),
      });
    }
    const FS = instance.FS;
    for (const [path, base64] of Object.entries(DL_FILES))
      if (!written.has(path) && (!only || only.includes(path))) {
        write(FS, path, await contentOf(path, base64));
        written.add(path);
      }
    for (const [path, bytes] of Object.entries(files)) write(FS, path, bytes);
    try { for (const name of FS.readdir(OUT)) if (name !== "." && name !== "..") FS.unlink(OUT + "/" + name); } catch (e) { /* none yet */ }
    const status = instance.callMain(args.concat(["--out", OUT]));
    postMessage({type: "done", status, files: readOutputs(FS)});
  } catch (error) {
    postMessage({type: "trap", message: String((error && error.message) || error)});
  }
};
