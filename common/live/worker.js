// Runs one chapter program in a Web Worker: the chapter's own C++, compiled to WebAssembly by
// the build (common/live/CMakeLists.txt). The page (live.js) makes this worker from a bundle that
// holds, before this file, DL_FILES (the data files the program reads, base64) and the program's
// module factory, dlProgram (emscripten's MODULARIZE output).
//
// The page sends {args}: the command line. The worker answers, in order,
//   {type: "output", fd, text, end}  as the program writes (stdout.js says what `end` is);
//   {type: "done", status, files}    when main() returns: its exit status and the text files it
//                                    wrote into --out (summary.json, history.csv, ...);
//   {type: "trap", message}          if the program traps or aborts instead.
// One worker runs one program once: the page stops a run by ending its worker.
"use strict";

const OUT = "/out";

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

function makeFolders(FS, path) {
  let folder = "";
  for (const part of path.split("/").slice(1, -1)) {
    folder += "/" + part;
    try { FS.mkdir(folder); } catch (e) { /* exists */ }
  }
}

function readOutputs(FS) {
  const files = {};
  let names = [];
  try { names = FS.readdir(OUT); } catch (e) { return files; }
  for (const name of names)
    if (/\.(json|csv|txt|dot)$/.test(name))
      files[name] = FS.readFile(OUT + "/" + name, {encoding: "utf8"});
  return files;
}

self.onmessage = async (event) => {
  const args = event.data.args;
  try {
    const program = await dlProgram({
      noInitialRun: true,
      dlOutput: (fd, text, end) => postMessage({type: "output", fd, text, end}),
      print: (text) => postMessage({type: "output", fd: 1, text, end: "\n"}),
      printErr: (text) => postMessage({type: "output", fd: 2, text, end: "\n"}),
    });
    for (const [path, base64] of Object.entries(DL_FILES)) {
      makeFolders(program.FS, path);
      program.FS.writeFile(path, await contentOf(path, base64));
    }
    const status = program.callMain(args.concat(["--out", OUT]));
    postMessage({type: "done", status, files: readOutputs(program.FS)});
  } catch (error) {
    postMessage({type: "trap", message: String((error && error.message) || error)});
  }
};
