/**
 * `help [command]` on the program and each command group: commander's own help command, except that a word that is
 * no command fails as `ricloud <word>` does (exit 2, naming it), where commander's prints the whole help instead.
 */
import { type Command, Help } from 'commander';

/** Adds the help command to `command` and every command below it that has subcommands. */
export function addHelpCommands(command: Command): void {
  if (command.commands.length === 0) return;
  for (const sub of command.commands) addHelpCommands(sub);
  const help = command
    .command('help [command]')
    .description('display help for command')
    // As commander's: `ricloud help task list` shows the help of `task`.
    .allowExcessArguments()
    .action((name: string | undefined) => {
      if (name === undefined) command.help();
      const sub = command.commands.find((known) => known.name() === name || known.aliases().includes(name));
      if (!sub) command.error(`error: unknown command '${name}'`, { code: 'commander.unknownCommand' });
      sub.help();
    });
  // It takes the global options as every command does, but is listed as commander's is: `help [command]`.
  command.configureHelp({
    ...command.configureHelp(),
    subcommandTerm(this: Help, sub: Command) {
      return sub === help ? 'help [command]' : Help.prototype.subcommandTerm.call(this, sub);
    },
  });
}
