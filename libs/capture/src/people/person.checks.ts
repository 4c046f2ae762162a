import { NotFoundError } from '#libs/kernel';
import { type PersonState, personDecider } from './person.decider.js';
import { personStream } from './person.events.js';
import type { CommandExecutor } from '../shared/command-executor.js';

/**
 * Coaching, growth, wellbeing and personal budgets are only recorded for a person who has joined
 * (and so consented to their information being held). Returns their current state, e.g. their team.
 */
export async function requireJoinedPerson(executor: CommandExecutor, personId: string): Promise<PersonState> {
  const { state } = await executor.state(personStream(personId), personDecider);
  if (!state.joined) throw new NotFoundError('No person with this id has joined: record them first.');
  return state;
}
