import { type ReactNode, useEffect, useRef } from 'react';
import { OBSERVATIONS, THEMES, useCommand } from '../../api/command.js';
import { Button, Notice } from '../../components/Feedback.js';
import { DismissSuggestionsDocument, LinkObservationsDocument } from './documents.js';

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

/**
 * The answer to "this observation looks like that theme": accept (it becomes evidence) or
 * dismiss (never offered again). Each screen names the buttons and says what happened.
 */
export function SuggestionAnswer({
  themeId,
  observationId,
  accept,
  dismiss,
  onAccepted,
  onDismissed,
  onProblem,
}: {
  readonly themeId: string;
  readonly observationId: string;
  readonly accept: ReactNode;
  readonly dismiss: ReactNode;
  readonly onAccepted: () => void;
  readonly onDismissed: () => void;
  readonly onProblem: (message: string) => void;
}) {
  const [linking, link] = useCommand(LinkObservationsDocument, [...THEMES, ...OBSERVATIONS]);
  const [dismissing, dismissIt] = useCommand(DismissSuggestionsDocument, THEMES);
  const input = { themeId, observationIds: [observationId] };
  return (
    <div className="button-row button-row--compact">
      <Button
        type="button"
        variant="secondary"
        busy={linking}
        busyLabel="Adding…"
        onClick={async () => {
          const result = await link({ input });
          if (result.ok) onAccepted();
          else onProblem(result.failure.message);
        }}
      >
        {accept}
      </Button>
      <Button
        type="button"
        variant="link"
        busy={dismissing}
        busyLabel="Dismissing…"
        onClick={async () => {
          const result = await dismissIt({ input });
          if (result.ok) onDismissed();
          else onProblem(result.failure.message);
        }}
      >
        {dismiss}
      </Button>
    </div>
  );
}
