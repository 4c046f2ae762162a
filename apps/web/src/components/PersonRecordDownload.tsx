import { useState } from 'react';
import { useClient } from 'urql';
import { failureOf } from '../api/errors.js';
import { graphql } from '../gql/index.js';
import { Button, ErrorAlert, Notice } from './Feedback.js';

const PersonRecordDocument = graphql(`
  query PersonRecord($personId: ID!) {
    personRecord(personId: $personId) {
      personId
      exportedAt
      json
    }
  }
`);

type State = { readonly kind: 'idle' } | { readonly kind: 'busy' } | { readonly kind: 'done'; readonly file: string } | { readonly kind: 'failed'; readonly message: string };

/**
 * Downloads everything held about a person (a subject access export) as a JSON file, for them to
 * see. The file is named by the day only, never by the person; each export is recorded in the
 * audit log by the API.
 */
export function PersonRecordDownload({ personId, label = 'Download everything held about them' }: { readonly personId: string; readonly label?: string }) {
  const client = useClient();
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function download() {
    setState({ kind: 'busy' });
    const result = await client.query(PersonRecordDocument, { personId }, { requestPolicy: 'network-only' }).toPromise();
    const record = result.data?.personRecord;
    if (result.error || !record) {
      const failure = result.error ? failureOf(result.error) : undefined;
      setState({
        kind: 'failed',
        message: failure?.code === 'NOT_FOUND' ? 'Nobody with this reference has joined: check it with their coach.' : (failure?.message ?? 'The export did not arrive. Try again.'),
      });
      return;
    }
    const file = `learning-loop-record-${record.exportedAt.slice(0, 10)}.json`;
    const pretty = JSON.stringify(JSON.parse(record.json), null, 2);
    const url = URL.createObjectURL(new Blob([pretty], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
    // Let the download take the file before the address is let go.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setState({ kind: 'done', file });
  }

  return (
    <div className="record-download">
      <Button type="button" variant="secondary" busy={state.kind === 'busy'} busyLabel="Preparing the file…" onClick={() => void download()}>
        {label}
      </Button>
      {state.kind === 'done' ? (
        <Notice>
          <p>
            Downloaded as {state.file}. It holds their words: keep it safe, give it only to them, and delete your copy once they have it. The export is recorded in
            the audit log.
          </p>
        </Notice>
      ) : null}
      {state.kind === 'failed' ? <ErrorAlert>{state.message}</ErrorAlert> : null}
    </div>
  );
}
