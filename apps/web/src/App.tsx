import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { hasRole, type Role, SessionProvider, useSession } from './api/session.js';
import { Button, ErrorAlert, Loading } from './components/Feedback.js';
import { Layout } from './components/Layout.js';
import { Page } from './components/Page.js';
import { ChangePassword } from './screens/ChangePassword.js';
import { Home } from './screens/Home.js';
import { NotFound } from './screens/NotFound.js';
import { SignIn } from './screens/SignIn.js';
import { MyPeople } from './screens/coach/MyPeople.js';
import { PersonPage } from './screens/coach/PersonPage.js';
import { RecordInteraction } from './screens/coach/RecordInteraction.js';
import { RecordObservation } from './screens/coach/RecordObservation.js';

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Layout>
          <Routes>
            <Route path="/sign-in" element={<SignIn />} />
            <Route element={<RequireSignIn />}>
              <Route index element={<Home />} />
              <Route path="account/password" element={<ChangePassword />} />
              <Route element={<RequireRole role="COACH" />}>
                <Route path="people" element={<MyPeople />} />
                <Route path="people/:personId" element={<PersonPage />} />
                <Route path="people/:personId/interactions/new" element={<RecordInteraction />} />
                <Route path="people/:personId/observations/new" element={<RecordObservation />} />
                <Route path="observations/new" element={<RecordObservation />} />
              </Route>
            </Route>
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout>
      </SessionProvider>
    </BrowserRouter>
  );
}

/** Pages behind it need a session: without one, sign in first and come back here. */
function RequireSignIn() {
  const { state, retry } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'checking':
      return (
        <Page title="Learning Loop">
          <Loading what="your session" />
        </Page>
      );
    case 'unreachable':
      return (
        <Page title="Cannot reach Learning Loop">
          <ErrorAlert>{state.message}</ErrorAlert>
          <Button type="button" onClick={retry}>
            Try again
          </Button>
        </Page>
      );
    case 'signed-out':
      return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
    case 'signed-in':
      return <Outlet />;
  }
}

function RequireRole({ role }: { readonly role: Role }) {
  const { state } = useSession();
  if (state.status === 'signed-in' && !hasRole(state.user, role)) {
    return (
      <Page title="Not for your role">
        <p>This page is for coaches, and your account does not have the coach role. If you coach people, ask an administrator to give you the coach role in your team.</p>
      </Page>
    );
  }
  return <Outlet />;
}
