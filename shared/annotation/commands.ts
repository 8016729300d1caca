/**
 * The registry of edit commands. Every edit of the annotation document goes through `applyCommand`, which
 * validates the arguments and runs the pure reducer; history.ts decides what becomes an undo step.
 */
import type { z } from 'zod';
import type { CommandDef } from './command-kit';
import { AnnotationCommandError } from './command-kit';
import { contextCommands } from './commands-context';
import { keyImageCommands } from './commands-key-images';
import { labelCommands } from './commands-labels';
import { lesionCommands } from './commands-lesions';
import { measurementCommands } from './commands-measurements';
import { isLocked, LOCKED_MESSAGE, signoffCommands } from './signoff';
import type { AnnotationDocument } from './schema';

export const COMMANDS = { ...labelCommands, ...lesionCommands, ...measurementCommands, ...contextCommands, ...keyImageCommands, ...signoffCommands };

export type CommandType = keyof typeof COMMANDS;
export type CommandArgs<T extends CommandType> = z.input<(typeof COMMANDS)[T]['args']>;
/** A serialisable edit: what the UI dispatches (and what a macro or test can replay). */
export type Command = { [T in CommandType]: { readonly type: T; readonly args: CommandArgs<T> } }[CommandType];

export function commandDef(type: CommandType): CommandDef {
  // The registry maps each type to its own def; widening to the generic def is what lets one function run them all.
  return COMMANDS[type] as CommandDef;
}

export function applyCommand(doc: AnnotationDocument, command: Command): AnnotationDocument {
  const def = commandDef(command.type);
  // A signed reading changes only through an addendum (signoff.ts).
  if (isLocked(doc) && def.whenSigned !== true) throw new AnnotationCommandError('locked', LOCKED_MESSAGE);
  const args = def.args.safeParse(command.args);
  if (!args.success) {
    throw new AnnotationCommandError('invalid-args', `${command.type}: ${args.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; ')}`);
  }
  return def.apply(doc, args.data);
}
