import { useEffect, useRef } from 'react';
import { Notice } from '../../components/Feedback.js';

/** What was just done to a row, in place of the buttons pressed: it takes focus, so focus is not lost. */
export function Answered({ message }: { readonly message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="answered" tabIndex={-1} ref={ref}>
      <Notice>{message}</Notice>
    </div>
  );
}
