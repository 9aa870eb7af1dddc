// Progress of long CLI commands: a redrawn bar on a terminal, a few plain lines when the output is a file or pipe.

export interface ProgressStream {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal width, when known. */
  columns?: number;
}

export interface Progress {
  update(done: number, total: number | null, phrase?: string): void;
  /** Ends the display: a terminal's bar line is cleared; `last` (what came of it) is printed as a line of its own. */
  end(last?: string): void;
}

const count = (n: number) => n.toLocaleString('en');
const BAR = 24;

/**
 * A progress display on `stream` (stderr, so stdout stays what scripts read); `null` shows nothing. Each
 * update names what is being done (`phrase`, else `label`) and how far it is.
 */
export function cliProgress(stream: ProgressStream | null | undefined, label: string): Progress {
  if (!stream) return { update: () => undefined, end: () => undefined };
  return stream.isTTY ? terminalBar(stream, label) : plainLines(stream, label);
}

function terminalBar(stream: ProgressStream, label: string): Progress {
  let drawn = false;
  let last = 0;
  return {
    update(done, total, phrase) {
      const now = Date.now();
      // Redraw at most ~12 times a second, and always at the end.
      if (drawn && now - last < 80 && done !== total) return;
      last = now;
      const width = stream.columns || 80;
      const frac = total ? Math.min(1, done / total) : 0;
      const filled = Math.round(frac * BAR);
      const bar = total ? `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}% ${count(done)}/${count(total)}` : '';
      const line = `${bar}${bar ? ' ' : ''}${phrase || label}`;
      stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, width - 1))}`);
      drawn = true;
    },
    end(last) {
      if (drawn) stream.write('\r\x1b[2K');
      if (last) stream.write(`${last}\n`);
    },
  };
}

function plainLines(stream: ProgressStream, label: string): Progress {
  let lastPhrase = '';
  let lastTenth = -1;
  return {
    update(done, total, phrase) {
      const tenth = total ? Math.floor((done / total) * 10) : -1;
      // One line per new phrase and per tenth of the way: a log file stays short.
      if (phrase === lastPhrase && tenth === lastTenth) return;
      if (phrase === lastPhrase && tenth <= lastTenth) return;
      lastPhrase = phrase ?? '';
      lastTenth = tenth;
      const where = total ? `${count(done)} of ${count(total)} (${Math.floor((done / total) * 100)}%)` : '';
      stream.write(`${phrase || label}${where ? `: ${where}` : ''}\n`);
    },
    end(last) {
      if (last) stream.write(`${last}\n`);
    },
  };
}
