import { type ReactNode, useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { Notice } from './Feedback.js';

/** What a page can be handed when navigated to: a message about what just happened. */
export interface PageState {
  readonly notice?: string;
  /** A next step offered with the notice, e.g. recording an observation from that conversation. */
  readonly next?: { readonly to: string; readonly label: string };
}

/**
 * A screen: sets the document title, shows the page's one h1 (which takes focus when the route
 * changes, see Layout) and any notice the previous page passed on (e.g. "Conversation saved").
 */
export function Page({
  title,
  heading,
  back,
  children,
  wide,
}: {
  readonly title: string;
  readonly heading?: ReactNode;
  readonly back?: { readonly to: string; readonly label: string };
  readonly children: ReactNode;
  readonly wide?: boolean;
}) {
  const location = useLocation();
  const { notice, next } = (location.state as PageState | null) ?? {};
  useEffect(() => {
    document.title = `${title} – Learning Loop`;
  }, [title]);
  return (
    <div className={`page${wide ? ' page--wide' : ''}`}>
      {back ? (
        <p className="back">
          <Link to={back.to} className="back__link">
            {back.label}
          </Link>
        </p>
      ) : null}
      <h1 tabIndex={-1}>{heading ?? title}</h1>
      {notice ? (
        <Notice>
          <p>{notice}</p>
          {next ? (
            <p>
              <Link to={next.to}>{next.label}</Link>
            </p>
          ) : null}
        </Notice>
      ) : null}
      {children}
    </div>
  );
}
