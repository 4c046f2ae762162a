import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { TextArea, TextField } from '../../components/Field.js';
import { OBSERVATIONS, THEMES, useCommand } from '../../api/command.js';
import { ProposeThemeDocument, ThemeSuggestionsDocument } from './documents.js';
import { ObservationById } from './ObservationCard.js';
import { Answered } from './parts.js';

const DismissClusterDocument = graphql(`
  mutation InfluencerDismissCluster($commandId: ID, $input: DismissClusterProposalInput!) {
    dismissClusterProposal(commandId: $commandId, input: $input) {
      id
    }
  }
`);

interface Cluster {
  readonly key: string;
  readonly observationIds: readonly string[];
  readonly terms: readonly string[];
  readonly cohesion: number;
}

/** How many of a cluster's observations are shown before "show all". */
const PREVIEW = 3;

/**
 * Groups of alike observations that are in no theme yet, which could be new themes: make one a
 * theme (it is proposed, emerging, with those observations), or dismiss it (not offered again).
 */
export function ClusterProposals({ headingLevel = 2 }: { readonly headingLevel?: 2 | 3 }) {
  const [{ data, error, fetching }] = useQuery({ query: ThemeSuggestionsDocument, requestPolicy: 'cache-and-network' });
  const Heading = `h${headingLevel}` as const;
  // A group dismissed here stays in the list, saying so, after the product drops it.
  const [dismissed, setDismissed] = useState<readonly Cluster[]>([]);
  const current = data?.themeSuggestions.clusters ?? [];
  const clusters = [...current, ...dismissed.filter((d) => !current.some((c) => c.key === d.key))];
  return (
    <section className="section" aria-labelledby="clusters-heading">
      <Heading id="clusters-heading">Possible new themes</Heading>
      <p className="aside">
        Groups of observations in no theme yet that read alike, found by comparing their words on this server (nothing is sent
        elsewhere).
      </p>
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && fetching ? <Loading what="possible new themes" /> : null}
      {data && current.length === 0 && dismissed.length === 0 ? (
        <p>
          None at the moment: of the {data.themeSuggestions.considered} observations in no theme, no group reads alike enough. They
          appear here as more are recorded.
        </p>
      ) : null}
      {clusters.length > 0 ? (
        <ul className="clusters">
          {clusters.map((cluster) => (
            <li key={cluster.key}>
              <ClusterProposal cluster={cluster} headingLevel={headingLevel === 2 ? 3 : 4} onDismissed={() => setDismissed((list) => [...list, cluster])} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function ClusterProposal({ cluster, headingLevel, onDismissed }: { readonly cluster: Cluster; readonly headingLevel: 3 | 4; readonly onDismissed: () => void }) {
  const navigate = useNavigate();
  const Heading = `h${headingLevel}` as const;
  const [making, setMaking] = useState(false);
  const [name, setName] = useState(capitalise(cluster.terms.slice(0, 3).join(', ')));
  const [description, setDescription] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [dismissed, setDismissed] = useState(false);
  const [proposing, propose] = useCommand(ProposeThemeDocument, [...THEMES, ...OBSERVATIONS]);
  const [dismissing, dismiss] = useCommand(DismissClusterDocument, THEMES);
  const idBase = `cluster-${cluster.key.slice(0, 12)}`;

  if (dismissed) return <Answered message="Dismissed: this group (and any much like it) will not be offered again." />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length < 3 || trimmed.length > 80) {
      setProblems([{ field: `${idBase}-name`, message: 'Give the theme a name of 3 to 80 characters that says what keeps happening' }]);
      return;
    }
    const result = await propose({
      input: { name: trimmed, description: description.trim() || null, keyTerms: cluster.terms.slice(0, 8), observationIds: [...cluster.observationIds] },
    });
    if (!result.ok) {
      const { summary } = fieldErrors(result.failure.problems, { name: 'The name', description: 'The description' }, { name: `${idBase}-name`, description: `${idBase}-description` });
      setProblems(summary.length > 0 ? summary : [{ message: result.failure.message }]);
      return;
    }
    navigate(`/themes/${result.data.proposeTheme.id}`, { state: { notice: `Theme proposed with ${cluster.observationIds.length} observations. Confirm it when you are sure it is a pattern.` } });
  };

  return (
    <article className="cluster">
      <Heading className="cluster__title">
        {cluster.observationIds.length} observations about {cluster.terms.slice(0, 5).join(', ')}
      </Heading>
      <p className="aside">How alike they read: {Math.round(cluster.cohesion * 100)}%.</p>
      <ul className="observations observations--compact">
        {cluster.observationIds.slice(0, PREVIEW).map((id) => (
          <li key={id}>
            <ObservationById id={id} headingLevel={4} />
          </li>
        ))}
      </ul>
      {cluster.observationIds.length > PREVIEW ? (
        <details className="more">
          <summary>Show the other {cluster.observationIds.length - PREVIEW}</summary>
          <ul className="observations observations--compact">
            {cluster.observationIds.slice(PREVIEW).map((id) => (
              <li key={id}>
                <ObservationById id={id} headingLevel={4} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {making ? (
        <form className="form cluster__form" onSubmit={submit} noValidate>
          <ErrorSummary problems={problems} />
          <TextField
            id={`${idBase}-name`}
            label="Name of the new theme"
            hint="What keeps happening, in plain words, such as “Asked to retell their story at every assessment”."
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={problems.find((p) => p.field === `${idBase}-name`)?.message}
            maxLength={80}
          />
          <TextArea
            id={`${idBase}-description`}
            label="Description (optional)"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={1000}
            rows={3}
          />
          <div className="button-row">
            <Button type="submit" busy={proposing} busyLabel="Proposing…">
              Propose this theme
            </Button>
            <Button type="button" variant="secondary" onClick={() => setMaking(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <Button type="button" variant="secondary" onClick={() => setMaking(true)}>
            Make it a theme<span className="visually-hidden">: {cluster.terms.slice(0, 5).join(', ')}</span>
          </Button>
          <Button
            type="button"
            variant="link"
            busy={dismissing}
            busyLabel="Dismissing…"
            onClick={async () => {
              const result = await dismiss({ input: { observationIds: [...cluster.observationIds] } });
              if (!result.ok) return setProblems([{ message: result.failure.message }]);
              onDismissed();
              setDismissed(true);
            }}
          >
            Not a theme: dismiss<span className="visually-hidden"> {cluster.terms.slice(0, 5).join(', ')}</span>
          </Button>
        </div>
      )}
      {!making && problems.length > 0 ? <ErrorAlert>{problems[0].message}</ErrorAlert> : null}
    </article>
  );
}
