import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { graphql } from '../gql/index.js';
import type { SessionQuery } from '../gql/graphql.js';
import { type ApiFailure, failureOf } from './errors.js';
import { makeClient } from './client.js';

export type SessionUser = SessionQuery['me'];
export type Role = SessionUser['grants'][number]['role'];

export type SessionState =
  | { readonly status: 'checking' }
  | { readonly status: 'unreachable'; readonly message: string }
  | { readonly status: 'signed-out'; readonly notice?: string }
  | { readonly status: 'signed-in'; readonly user: SessionUser; readonly csrfToken: string };

interface SessionApi {
  readonly state: SessionState;
  /** Resolves with nothing when signed in, or with what went wrong. */
  signIn(email: string, password: string): Promise<ApiFailure | undefined>;
  signOut(): Promise<void>;
  retry(): void;
}

/** Who is signed in, as the session and signing in both answer it. */
graphql(`
  fragment SessionUserFields on User {
    userId
    displayName
    email
    coachId
    grants {
      role
      teamId
      organisationId
      areaId
    }
  }
`);

const SessionDocument = graphql(`
  query Session {
    me {
      ...SessionUserFields
    }
    csrfToken
  }
`);

const SignInDocument = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      csrfToken
      expiresAt
      user {
        ...SessionUserFields
      }
    }
  }
`);

const SignOutDocument = graphql(`
  mutation SignOut {
    signOut
  }
`);

const SESSION_ENDED = 'Your session has ended (after an hour without use, 12 hours after signing in, or a password change). Sign in again to carry on.';

const Context = createContext<SessionApi | undefined>(undefined);

/**
 * Who is signed in. On load it asks the API (with GET, which needs no CSRF token) who the
 * session cookie belongs to and for the session's CSRF token; signing in and out replace the
 * GraphQL client, so no cached answer outlives the session it was read in.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const csrfToken = state.status === 'signed-in' ? state.csrfToken : undefined;
  const client = useMemo(
    () =>
      makeClient({
        csrfToken,
        onSignedOut: csrfToken ? () => setState({ status: 'signed-out', notice: SESSION_ENDED }) : undefined,
      }),
    [csrfToken],
  );

  useEffect(() => {
    let cancelled = false;
    const anonymous = makeClient({});
    anonymous
      .query(SessionDocument, {}, { preferGetMethod: 'force', requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (cancelled) return;
        if (result.data) setState({ status: 'signed-in', user: result.data.me, csrfToken: result.data.csrfToken });
        else if (result.error && failureOf(result.error).code === 'NETWORK') setState({ status: 'unreachable', message: failureOf(result.error).message });
        else setState({ status: 'signed-out' });
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await makeClient({}).mutation(SignInDocument, { email, password }).toPromise();
    if (result.data) {
      setState({ status: 'signed-in', user: result.data.signIn.user, csrfToken: result.data.signIn.csrfToken });
      return undefined;
    }
    return result.error ? failureOf(result.error) : { code: 'INTERNAL', message: 'Signing in did not work. Try again.', problems: [] };
  }, []);

  const signOut = useCallback(async () => {
    // Whatever the API answers (the session may have ended already), this page forgets it.
    await client.mutation(SignOutDocument, {}).toPromise();
    setState({ status: 'signed-out', notice: 'You have signed out.' });
  }, [client]);

  const retry = useCallback(() => {
    setState({ status: 'checking' });
    setAttempt((n) => n + 1);
  }, []);

  const api = useMemo(() => ({ state, signIn, signOut, retry }), [state, signIn, signOut, retry]);
  return (
    <Context.Provider value={api}>
      <Provider value={client}>{children}</Provider>
    </Context.Provider>
  );
}

export function useSession(): SessionApi {
  const api = useContext(Context);
  if (!api) throw new Error('useSession must be used inside <SessionProvider>.');
  return api;
}

/** The signed-in user; only for pages behind <RequireSignIn>. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser is only for pages shown to a signed-in user.');
  return state.user;
}

export function hasRole(user: SessionUser, role: Role): boolean {
  return user.grants.some((grant) => grant.role === role);
}

/** The teams a user coaches in. */
export function coachTeamIds(user: SessionUser): string[] {
  return user.grants.filter((grant) => grant.role === 'COACH' && grant.teamId).map((grant) => grant.teamId as string);
}
