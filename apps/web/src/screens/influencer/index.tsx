import { lazy, Suspense } from 'react';
import { Loading } from '../../components/Feedback.js';

/**
 * The system influencer's screens, for the routes in App.tsx. The two with charts are loaded
 * when first opened, so the charting library is not part of every other screen's download.
 */
export { ObservationsInbox } from './ObservationsInbox.js';
export { ObservationPage } from './ObservationPage.js';
export { QuoteApproval } from './QuoteApproval.js';
export { NewReport, ReportPage } from './ReportBuilder.js';
export { OverdueReports, ReportsList } from './Reports.js';

const LazyThemeBoard = lazy(() => import('./ThemeBoard.js').then((m) => ({ default: m.ThemeBoard })));
const LazyThemePage = lazy(() => import('./ThemePage.js').then((m) => ({ default: m.ThemePage })));

export function ThemeBoard() {
  return (
    <Suspense fallback={<Loading what="the theme board" />}>
      <LazyThemeBoard />
    </Suspense>
  );
}

export function ThemePage() {
  return (
    <Suspense fallback={<Loading what="the theme" />}>
      <LazyThemePage />
    </Suspense>
  );
}
