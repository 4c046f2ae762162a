import { type ReactNode, useEffect, useRef } from 'react';
import { Notice } from '../../components/Feedback.js';

/**
 * A notice that something just worked, which also takes focus when it appears: the button that
 * was pressed has often gone (an acknowledgement given, a form sent), so focus would otherwise
 * fall back to the top of the document. `id` changes when the same notice should be given again.
 */
export function Announce({ children, kind = 'success', id }: { readonly children: ReactNode; readonly kind?: 'success' | 'info' | 'warning'; readonly id?: string | number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [id]);
  return (
    <div tabIndex={-1} ref={ref} className="announce">
      <Notice kind={kind}>{children}</Notice>
    </div>
  );
}
