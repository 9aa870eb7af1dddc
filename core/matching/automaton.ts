// Aho-Corasick automaton over token ids: finds every pattern (a token sequence) in one pass over a story,
// whatever the number of patterns. CJK characters are single tokens, so CJK substrings are found the same way.

/**
 * Goto function as an open-addressing hash table on typed arrays: (state, token) -> state. Integer-only
 * keys keep lookups allocation-free however many states there are; moves from the root, the most common
 * ones, use a direct array instead.
 */
class Transitions {
  private states: Int32Array = new Int32Array(1024).fill(-1);
  private tokens: Int32Array = new Int32Array(1024);
  private targets: Int32Array = new Int32Array(1024);
  private mask = 1023;
  private count = 0;
  root: Int32Array = new Int32Array(0);

  get(state: number, token: number): number {
    if (state === 0) return token < this.root.length ? this.root[token]! : -1;
    let i = slot(state, token) & this.mask;
    for (;;) {
      const s = this.states[i]!;
      if (s === -1) return -1;
      if (s === state && this.tokens[i] === token) return this.targets[i]!;
      i = (i + 1) & this.mask;
    }
  }

  set(state: number, token: number, target: number): void {
    if (state === 0) {
      if (token >= this.root.length) this.root = grow(this.root, token + 1);
      this.root[token] = target;
      return;
    }
    if ((this.count + 1) * 2 > this.mask) this.rehash();
    let i = slot(state, token) & this.mask;
    while (this.states[i] !== -1) i = (i + 1) & this.mask;
    this.states[i] = state;
    this.tokens[i] = token;
    this.targets[i] = target;
    this.count++;
  }

  private rehash(): void {
    const { states, tokens, targets } = this;
    const size = (this.mask + 1) * 2;
    this.states = new Int32Array(size).fill(-1);
    this.tokens = new Int32Array(size);
    this.targets = new Int32Array(size);
    this.mask = size - 1;
    this.count = 0;
    for (let i = 0; i < states.length; i++) if (states[i] !== -1) this.set(states[i]!, tokens[i]!, targets[i]!);
  }
}

function slot(state: number, token: number): number {
  const h = Math.imul(state, 0x9e3779b1) ^ Math.imul(token + 1, 0x85ebca77);
  return h ^ (h >>> 15);
}

function grow(array: Int32Array, minLength: number): Int32Array {
  const next = new Int32Array(Math.max(minLength, array.length * 2)).fill(-1);
  next.set(array);
  return next;
}

export class TokenAutomaton {
  private constructor(
    private readonly next: Transitions,
    private readonly fail: Int32Array,
    /** Pattern ending exactly at a state, or -1 (patterns are distinct, so at most one). */
    private readonly output: Int32Array,
    /** Nearest state on the fail chain that has an output, or -1. */
    private readonly outputLink: Int32Array,
  ) {}

  /** `patterns[i]` is the token-id sequence of pattern i; ids are non-negative integers. */
  static build(patterns: readonly (readonly number[])[]): TokenAutomaton {
    const next = new Transitions();
    const children: number[][] = [[]];
    const outputs: number[] = [-1];
    patterns.forEach((ids, patternId) => {
      let state = 0;
      for (const id of ids) {
        let child = next.get(state, id);
        if (child < 0) {
          child = children.length;
          children.push([]);
          outputs.push(-1);
          next.set(state, id, child);
          children[state]!.push(id);
        }
        state = child;
      }
      if (ids.length > 0) outputs[state] = patternId;
    });
    const output = Int32Array.from(outputs);
    const fail = new Int32Array(children.length);
    const outputLink = new Int32Array(children.length).fill(-1);
    linkFailures(next, children, output, fail, outputLink);
    return new TokenAutomaton(next, fail, output, outputLink);
  }

  get stateCount(): number {
    return this.fail.length;
  }

  /** Calls `onMatch(patternId)` for every occurrence; a negative id (unknown token) matches nothing. */
  scan(tokenIds: ArrayLike<number>, onMatch: (patternId: number) => void): void {
    const { next, fail, output, outputLink } = this;
    let state = 0;
    for (let i = 0; i < tokenIds.length; i++) {
      const id = tokenIds[i]!;
      if (id < 0) {
        state = 0;
        continue;
      }
      let target = next.get(state, id);
      while (target < 0 && state !== 0) {
        state = fail[state]!;
        target = next.get(state, id);
      }
      state = target < 0 ? 0 : target;
      let s = output[state]! >= 0 ? state : outputLink[state]!;
      while (s >= 0) {
        onMatch(output[s]!);
        s = outputLink[s]!;
      }
    }
  }
}

/** Breadth-first pass that sets each state's failure link and its link to the nearest output state. */
function linkFailures(
  next: Transitions,
  children: number[][],
  output: Int32Array,
  fail: Int32Array,
  outputLink: Int32Array,
): void {
  const queue = new Int32Array(children.length);
  let head = 0;
  let tail = 0;
  for (const id of children[0]!) queue[tail++] = next.get(0, id);
  while (head < tail) {
    const state = queue[head++]!;
    for (const id of children[state]!) {
      const child = next.get(state, id);
      let f = fail[state]!;
      let target = next.get(f, id);
      while (target < 0 && f !== 0) {
        f = fail[f]!;
        target = next.get(f, id);
      }
      const failTo = target < 0 ? 0 : target;
      fail[child] = failTo;
      outputLink[child] = output[failTo]! >= 0 ? failTo : outputLink[failTo]!;
      queue[tail++] = child;
    }
  }
}
