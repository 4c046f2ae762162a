import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { hasRole, useSession } from '../api/session.js';
import { Button } from './Feedback.js';
import { HandoverContext } from './Handover.js';

/**
 * Every screen's frame: a skip link, the header with the navigation, and the main region. When
 * the route changes, focus moves to the new page's heading, so keyboard and screen reader users
 * start at the top of what changed.
 */
export function Layout({ children }: { readonly children: ReactNode }) {
  const { state, signOut } = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  // Until the person first presses a key or points, route changes are the app finding its feet
  // (e.g. a redirect to sign in): the browser's own starting focus stays, so Tab still reaches
  // the skip link first.
  const acted = useRef(false);
  useEffect(() => {
    const mark = () => {
      acted.current = true;
    };
    document.addEventListener('keydown', mark, { capture: true, once: true });
    document.addEventListener('pointerdown', mark, { capture: true, once: true });
    return () => {
      document.removeEventListener('keydown', mark, { capture: true });
      document.removeEventListener('pointerdown', mark, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (!acted.current) return;
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [location.pathname]);

  const [handedOver, setHandedOver] = useState(false);
  const handover = useMemo(() => ({ handedOver, setHandedOver }), [handedOver]);
  // Handed to the person: their questions only, no way to anyone else's page.
  const user = state.status === 'signed-in' && !handedOver ? state.user : undefined;
  return (
    <HandoverContext.Provider value={handover}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          {handedOver ? (
            <span className="site-header__name">Learning Loop</span>
          ) : (
            <Link className="site-header__name" to="/">
              Learning Loop
            </Link>
          )}
          {user ? (
            <nav className="site-nav" aria-label="Main">
              <ul className="site-nav__list">
                <li>
                  <NavLink to="/" end>
                    Home
                  </NavLink>
                </li>
                {hasRole(user, 'COACH') ? (
                  <>
                    <li>
                      <NavLink to="/people">My people</NavLink>
                    </li>
                    <li>
                      <NavLink to="/observations/new">Record observation</NavLink>
                    </li>
                  </>
                ) : null}
                {hasRole(user, 'INFLUENCER') ? (
                  <>
                    <li>
                      <NavLink to="/themes">Themes</NavLink>
                    </li>
                    <li>
                      <NavLink to="/observations" end>
                        Observations
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to="/quotes">Quotes</NavLink>
                    </li>
                    <li>
                      <NavLink to="/reports">Reports</NavLink>
                    </li>
                  </>
                ) : null}
                {hasRole(user, 'PARTNER') ? (
                  <li>
                    <NavLink to="/shared-reports">Shared reports</NavLink>
                  </li>
                ) : null}
                {hasRole(user, 'COMMISSIONER') ? (
                  <li>
                    <NavLink to="/area">Your area</NavLink>
                  </li>
                ) : null}
                {hasRole(user, 'LEADER') ? (
                  <li>
                    <NavLink to="/learning">Learning</NavLink>
                  </li>
                ) : null}
                {hasRole(user, 'ADMIN') ? (
                  <li>
                    <NavLink to="/admin">Administration</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/account/password">Password</NavLink>
                </li>
                <li>
                  <Button variant="link" type="button" className="site-nav__sign-out" busyLabel="Signing out…" onClick={() => void signOut()}>
                    Sign out
                  </Button>
                </li>
              </ul>
            </nav>
          ) : null}
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1} ref={main}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {user ? <>Signed in as {user.displayName}. </> : null}
          People’s words are kept sealed and shared only with their consent.
        </p>
      </footer>
    </HandoverContext.Provider>
  );
}
