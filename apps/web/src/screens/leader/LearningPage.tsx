import { lazy, Suspense } from 'react';
import { Loading } from '../../components/Feedback.js';
import { Page } from '../../components/Page.js';

// The charts library is large: it is fetched only when someone opens the learning page.
const Learning = lazy(() => import('./Learning.js').then((module) => ({ default: module.Learning })));

/** The learning page, loaded on first use. */
export function LearningPage() {
  return (
    <Suspense
      fallback={
        <Page title="Learning over time">
          <Loading what="the learning page" />
        </Page>
      }
    >
      <Learning />
    </Suspense>
  );
}
