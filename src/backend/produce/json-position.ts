// Where a JSON text goes wrong. V8's JSON.parse messages do not always carry a
// position, and people fixing a value need one; this small scanner finds the
// first offending character. It runs only after JSON.parse has failed.

export interface JsonFault {
  position: number;
  line: number;
  column: number;
  problem: string;
}

class Fault extends Error {
  constructor(
    readonly position: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

export function locateJsonError(text: string): JsonFault | null {
  let pos = 0;
  const ws = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
  };
  const describe = (): string => (pos >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[pos])}`);
  const expect = (char: string) => {
    const wanted = char === '"' ? 'a string in double quotes' : JSON.stringify(char);
    if (text[pos] !== char) throw new Fault(pos, `expected ${wanted} but ${describe().replace('unexpected', 'found')}`);
    pos++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, pos)) throw new Fault(pos, describe());
    pos += word.length;
  };
  const string = () => {
    expect('"');
    while (pos < text.length && text[pos] !== '"') {
      const char = text[pos];
      if (char < ' ') throw new Fault(pos, 'a control character must be escaped inside a string');
      if (char === '\\') {
        pos++;
        if (text[pos] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 1, pos + 5))) throw new Fault(pos, 'a \\u escape needs four hex digits');
          pos += 4;
        } else if (!'"\\/bfnrt'.includes(text[pos] ?? '')) throw new Fault(pos, 'unknown escape sequence');
      }
      pos++;
    }
    if (pos >= text.length) throw new Fault(pos, 'a string is not closed');
    pos++;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match) throw new Fault(pos, describe());
    pos += match[0].length;
  };
  /** An object or array after its opening character: items separated by commas up to `close`. */
  const items = (close: string, item: () => void): void => {
    pos++;
    ws();
    if (text[pos] === close) return void pos++;
    for (;;) {
      item();
      ws();
      if (text[pos] === ',') pos++;
      else return expect(close);
    }
  };
  const member = () => {
    ws();
    string();
    ws();
    expect(':');
    value();
  };
  const value = (): void => {
    ws();
    const char = text[pos];
    if (char === '{') return items('}', member);
    if (char === '[') return items(']', value);
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || (char >= '0' && char <= '9')) return number();
    throw new Fault(pos, describe());
  };
  try {
    value();
    ws();
    if (pos < text.length) throw new Fault(pos, `unexpected ${JSON.stringify(text[pos])} after the end of the value`);
    return null;
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    const before = text.slice(0, error.position);
    return { position: error.position, line: before.split('\n').length, column: error.position - before.lastIndexOf('\n'), problem: error.problem };
  }
}
