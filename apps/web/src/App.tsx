import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { hasRole, type Role, SessionProvider, useSession } from './api/session.js';
import { Button, ErrorAlert, Loading } from './components/Feedback.js';
import { Layout } from './components/Layout.js';
import { Page } from './components/Page.js';
import { AcceptInvitation } from './screens/AcceptInvitation.js';
import { ChangePassword } from './screens/ChangePassword.js';
import { Home } from './screens/Home.js';
import { NotFound } from './screens/NotFound.js';
import { SignIn } from './screens/SignIn.js';
import { MyPeople } from './screens/coach/MyPeople.js';
import { PersonPage } from './screens/coach/PersonPage.js';
import { JoinPerson } from './screens/coach/JoinPerson.js';
import { CoachingChange } from './screens/coach/CoachingChange.js';
import { RecordInteraction } from './screens/coach/RecordInteraction.js';
import { RecordObservation } from './screens/coach/RecordObservation.js';
import { AspirationPage, NewAspiration } from './screens/coach/Aspirations.js';
import { EndConnection, MakeConnection } from './screens/coach/Connections.js';
import { RequestBudget } from './screens/coach/RequestBudget.js';
import { NoticeStrength } from './screens/coach/Strengths.js';
import { WellbeingCheckIn } from './screens/coach/WellbeingCheckIn.js';
import { Consent } from './screens/coach/Consent.js';
import { MoveArea } from './screens/coach/MoveArea.js';
import { ChangeDetails } from './screens/coach/PersonDetails.js';
import { AuditLog } from './screens/admin/AuditLog.js';
import { Categories } from './screens/admin/Categories.js';
import { Organisations } from './screens/admin/Organisations.js';
import { PeopleInformation } from './screens/admin/PeopleInformation.js';
import { Teams } from './screens/admin/Teams.js';
import { UserPage } from './screens/admin/UserPage.js';
import { Users } from './screens/admin/Users.js';
import { AreaOverview } from './screens/commissioner/AreaOverview.js';
import { AreaReport } from './screens/commissioner/AreaReport.js';
import { LearningPage } from './screens/leader/LearningPage.js';
import { RecordReflection } from './screens/leader/RecordReflection.js';
import { ReflectionPage } from './screens/leader/ReflectionPage.js';
import { SharedReport } from './screens/partner/SharedReport.js';
import { SharedReports } from './screens/partner/SharedReports.js';
import { NewReport, ObservationPage, ObservationsInbox, OverdueReports, QuoteApproval, ReportPage, ReportsList, ThemeBoard, ThemePage } from './screens/influencer/index.js';

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Layout>
          <Routes>
            <Route path="/sign-in" element={<SignIn />} />
            <Route path="/invitation" element={<AcceptInvitation />} />
            <Route element={<RequireSignIn />}>
              <Route index element={<Home />} />
              <Route path="account/password" element={<ChangePassword />} />
              <Route element={<RequireRole role="COACH" />}>
                <Route path="people" element={<MyPeople />} />
                <Route path="people/new" element={<JoinPerson />} />
                <Route path="people/:personId" element={<PersonPage />} />
                <Route path="people/:personId/coaching/:action" element={<CoachingChange />} />
                <Route path="people/:personId/interactions/new" element={<RecordInteraction />} />
                <Route path="people/:personId/observations/new" element={<RecordObservation />} />
                <Route path="people/:personId/aspirations/new" element={<NewAspiration />} />
                <Route path="people/:personId/aspirations/:aspirationId" element={<AspirationPage />} />
                <Route path="people/:personId/strengths/new" element={<NoticeStrength />} />
                <Route path="people/:personId/connections/new" element={<MakeConnection />} />
                <Route path="people/:personId/connections/:connectionId/end" element={<EndConnection />} />
                <Route path="people/:personId/budgets/new" element={<RequestBudget />} />
                <Route path="people/:personId/wellbeing/check-in" element={<WellbeingCheckIn />} />
                <Route path="people/:personId/consent" element={<Consent />} />
                <Route path="people/:personId/moved" element={<MoveArea />} />
                <Route path="people/:personId/details" element={<ChangeDetails />} />
                <Route path="observations/new" element={<RecordObservation />} />
              </Route>
              <Route element={<RequireRole role="INFLUENCER" />}>
                <Route path="observations" element={<ObservationsInbox />} />
                <Route path="observations/:observationId" element={<ObservationPage />} />
                <Route path="themes" element={<ThemeBoard />} />
                <Route path="themes/:themeId" element={<ThemePage />} />
                <Route path="quotes" element={<QuoteApproval />} />
                <Route path="reports" element={<ReportsList />} />
                <Route path="reports/new" element={<NewReport />} />
                <Route path="reports/overdue" element={<OverdueReports />} />
                <Route path="reports/:reportId" element={<ReportPage />} />
              </Route>
              <Route element={<RequireRole role="PARTNER" />}>
                <Route path="shared-reports" element={<SharedReports />} />
                <Route path="shared-reports/:reportId" element={<SharedReport />} />
              </Route>
              <Route element={<RequireRole role="COMMISSIONER" />}>
                <Route path="area" element={<AreaOverview />} />
                <Route path="area/reports/:reportId" element={<AreaReport />} />
              </Route>
              <Route element={<RequireRole role="LEADER" />}>
                <Route path="learning" element={<LearningPage />} />
                <Route path="learning/reflections/new" element={<RecordReflection />} />
                <Route path="learning/reflections/:reflectionId" element={<ReflectionPage />} />
              </Route>
              <Route element={<RequireRole role="ADMIN" />}>
                <Route path="admin" element={<Navigate to="/admin/users" replace />} />
                <Route path="admin/users" element={<Users />} />
                <Route path="admin/users/:userId" element={<UserPage />} />
                <Route path="admin/teams" element={<Teams />} />
                <Route path="admin/organisations" element={<Organisations />} />
                <Route path="admin/categories" element={<Categories />} />
                <Route path="admin/audit" element={<AuditLog />} />
                <Route path="admin/people" element={<PeopleInformation />} />
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

/** Who each role's pages are for, and how someone who should have the role gets it. */
const ROLE_REFUSALS: Record<Role, { readonly who: string; readonly role: string; readonly ask: string }> = {
  COACH: { who: 'coaches', role: 'coach', ask: 'If you coach people, ask an administrator to give you the coach role in your team.' },
  INFLUENCER: { who: 'system influencers', role: 'system influencer', ask: 'If you curate themes and feed back to services, ask an administrator to give you the system influencer role.' },
  LEADER: { who: 'the organisation’s leadership', role: 'leadership', ask: 'If you review what the organisation has learned, ask an administrator to give you the leadership role.' },
  PARTNER: { who: 'partner services', role: 'partner service', ask: 'If you work for a partner service, ask an administrator to give you the partner service role for your service.' },
  COMMISSIONER: { who: 'commissioners', role: 'commissioner', ask: 'If you commission services in an area, ask an administrator to give you the commissioner role for your area.' },
  ADMIN: { who: 'administrators', role: 'administrator', ask: 'If you manage users and settings, ask another administrator to give you the administrator role.' },
};

function RequireRole({ role }: { readonly role: Role }) {
  const { state } = useSession();
  if (state.status === 'signed-in' && !hasRole(state.user, role)) {
    const refusal = ROLE_REFUSALS[role];
    return (
      <Page title="Not for your role">
        <p>
          This page is for {refusal.who}, and your account does not have the {refusal.role} role. {refusal.ask}
        </p>
      </Page>
    );
  }
  return <Outlet />;
}
