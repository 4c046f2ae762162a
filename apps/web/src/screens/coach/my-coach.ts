import { useCallback, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { type ApiFailure, failureOf } from '../../api/errors.js';
import { coachTeamIds, type SessionUser, useUser } from '../../api/session.js';
import { graphql } from '../../gql/index.js';
import type { MyCoachesQuery } from '../../gql/graphql.js';

export type CoachRecord = MyCoachesQuery['coaches'][number];
export type TeamRecord = MyCoachesQuery['teams'][number];

const MyCoachesDocument = graphql(`
  query MyCoaches {
    coaches {
      id
      displayName
      teamId
      active
    }
    teams {
      id
      name
      areaId
    }
  }
`);

/**
 * Which coach record is the signed-in user's: the one an administrator linked to their account;
 * failing that (not linked yet), the one remembered on this device, else the one whose name is
 * the user's, else the only one in their teams; otherwise the user is asked once.
 */
export function chooseCoach(
  candidates: readonly CoachRecord[],
  user: Pick<SessionUser, 'userId' | 'displayName' | 'coachId'>,
  remembered?: string | null,
): CoachRecord | undefined {
  const byId = (id: string | null | undefined) => (id ? candidates.find((c) => c.id === id) : undefined);
  const sameName = candidates.filter((c) => c.displayName.trim().toLowerCase() === user.displayName.trim().toLowerCase());
  return byId(user.coachId) ?? byId(remembered) ?? (sameName.length === 1 ? sameName[0] : undefined) ?? (candidates.length === 1 ? candidates[0] : undefined);
}

const storageKey = (userId: string) => `learning-loop.coach-record.${userId}`;

function remembered(userId: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(userId));
  } catch {
    return null;
  }
}

export type MyCoach =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly failure: ApiFailure }
  | { readonly status: 'none'; readonly teams: readonly TeamRecord[] }
  | { readonly status: 'choose'; readonly candidates: readonly CoachRecord[]; choose(id: string): void }
  | {
      readonly status: 'chosen';
      readonly coach: CoachRecord;
      /** An administrator linked this record to the account: it is not a guess to be changed here. */
      readonly linked: boolean;
      readonly candidates: readonly CoachRecord[];
      readonly teams: readonly TeamRecord[];
      change(): void;
    };

export function useMyCoach(): MyCoach {
  const user = useUser();
  const [{ data, error }] = useQuery({ query: MyCoachesDocument });
  const [choice, setChoice] = useState<string | null>(() => remembered(user.userId));
  const [asking, setAsking] = useState(false);

  const choose = useCallback(
    (id: string) => {
      try {
        window.localStorage.setItem(storageKey(user.userId), id);
      } catch {
        // Private browsing: the choice lasts until the page is closed.
      }
      setChoice(id);
      setAsking(false);
    },
    [user.userId],
  );
  const change = useCallback(() => setAsking(true), []);

  return useMemo((): MyCoach => {
    if (error) return { status: 'failed', failure: failureOf(error) };
    if (!data) return { status: 'loading' };
    const teamIds = coachTeamIds(user);
    const teams = data.teams.filter((team) => teamIds.includes(team.id));
    const candidates = data.coaches.filter((coach) => coach.active && teamIds.includes(coach.teamId));
    if (candidates.length === 0) return { status: 'none', teams };
    const linked = candidates.find((c) => c.id === user.coachId);
    if (linked) return { status: 'chosen', coach: linked, linked: true, candidates, teams, change };
    const coach = asking ? undefined : chooseCoach(candidates, user, choice);
    if (!coach) return { status: 'choose', candidates, choose };
    return { status: 'chosen', coach, linked: false, candidates, teams, change };
  }, [data, error, user, choice, asking, choose, change]);
}
