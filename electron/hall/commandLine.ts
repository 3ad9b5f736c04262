// The hall host's and the county hub's command lines read the same way: options that take the
// next word as their value, whole numbers within a range, and Chinese messages naming the option.

export interface CommandLineArgument {
  arg: string;
  /** The next word as this option's value; another option's name is not a value. */
  value(): string;
}

export function* commandLineArguments(argv: readonly string[]): Generator<CommandLineArgument> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    yield {
      arg,
      value: () => {
        const next = argv[++i];
        if (next === undefined || next.startsWith('--')) throw new Error(`${arg} 后面缺少取值`);
        return next;
      },
    };
  }
}

/** A whole number from `min` to `max`; otherwise throws the message that names the option. */
export function wholeNumber(arg: string, text: string, min: number, max: number, unit = ''): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${arg} 应为 ${min}–${max} 的整数${unit}`);
  return n;
}
