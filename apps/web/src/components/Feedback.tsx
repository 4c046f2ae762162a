import { type ButtonHTMLAttributes, type ReactNode, useEffect, useRef } from 'react';
import type { Problem } from '../api/errors.js';

/**
 * What went wrong with a form, at its top: a heading, then each problem as a link to the field
 * that needs fixing. It takes focus when it appears, so keyboard and screen reader users land on
 * it (role=alert announces it too).
 */
export function ErrorSummary({ problems, title = 'There is a problem' }: { readonly problems: readonly Problem[]; readonly title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0) ref.current?.focus();
  }, [problems]);
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title" id="error-summary-title">
        {title}
      </h2>
      <ul className="error-summary__list">
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.field ? (
              <a
                href={`#${problem.field}`}
                onClick={(event) => {
                  const target = document.getElementById(problem.field!);
                  if (!target) return;
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: 'center' });
                }}
              >
                {problem.message}
              </a>
            ) : (
              problem.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A message that something worked, or that something is worth knowing: polite (role=status). */
export function Notice({ children, kind = 'success' }: { readonly children: ReactNode; readonly kind?: 'success' | 'info' | 'warning' }) {
  return (
    <div className={`notice notice--${kind}`} role="status">
      {children}
    </div>
  );
}

/** A problem that stops the page (not a form's field problems): assertive (role=alert). */
export function ErrorAlert({ children }: { readonly children: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert">
      {children}
    </div>
  );
}

/** Something is loading: said once, politely, with a visible spinner. */
export function Loading({ what }: { readonly what: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}

/**
 * A button. While `busy` it says so (e.g. "Saving…") and ignores presses, but stays focusable
 * and in the tab order (aria-disabled rather than disabled), so focus is not lost.
 */
export function Button({
  busy,
  busyLabel = 'Saving…',
  variant = 'primary',
  children,
  className,
  onClick,
  ...button
}: ButtonHTMLAttributes<HTMLButtonElement> & { readonly busy?: boolean; readonly busyLabel?: string; readonly variant?: 'primary' | 'secondary' | 'link' }) {
  return (
    <button
      className={`button button--${variant}${className ? ` ${className}` : ''}`}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...button}
    >
      {busy ? (
        <>
          <span className="spinner spinner--button" aria-hidden="true" />
          {busyLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}
