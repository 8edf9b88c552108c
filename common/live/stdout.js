// Emscripten --pre-js of the browser build: hands the program's output to the page as the
// program writes it, byte for byte, with a terminal's line endings.
//
// Emscripten's terminal device prints a line only when it ends in '\n'. Keras's progress bar,
// which chapter 4 draws on a terminal, rewrites its line after '\r' and flushes. So each write
// reaches Module.dlOutput(fd, text, end): end is '\n' (a finished line), '\r' (the line is
// about to be written over) or '' (what a flush left on an unfinished line).
Module["preRun"] = [].concat(Module["preRun"] || [], function () {
  var decoder = new TextDecoder();
  function hand(fd, tty, end) {
    Module["dlOutput"](fd, decoder.decode(new Uint8Array(tty.output)), end);
    tty.output = [];
  }
  [[TTY.default_tty_ops, 1], [TTY.default_tty1_ops, 2]].forEach(function (pair) {
    pair[0].put_char = function (tty, byte) {
      if (byte === null || byte === 10) hand(pair[1], tty, "\n");
      else if (byte === 13) hand(pair[1], tty, "\r");
      else if (byte !== 0) tty.output.push(byte);
    };
  });
  var write = TTY.stream_ops.write;
  TTY.stream_ops.write = function (stream) {
    var written = write.apply(this, arguments);
    if (stream.tty && stream.tty.output.length)
      hand(stream.tty.ops === TTY.default_tty1_ops ? 2 : 1, stream.tty, "");
    return written;
  };
});
