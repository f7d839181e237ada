/**
 * `tx` command entry: `pnpm tx <command> [args]`. Each command lives in commands/<name>.ts and returns its exit code.
 */
type Command = { run(argv: string[]): Promise<number>; summary: string };

const commands: Record<string, () => Promise<Command>> = {
  migrate: () => import('./commands/migrate'),
  seed: () => import('./commands/seed'),
  detect: () => import('./commands/detect'),
  token: () => import('./commands/token'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    console.error(`usage: tx <command> [args]\ncommands: ${Object.keys(commands).join(', ')}`);
    return name ? 2 : 0;
  }
  return (await load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
