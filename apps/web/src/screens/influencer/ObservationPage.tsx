import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { failureOf } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { InfluencerObservationQuery } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading, Notice } from '../../components/Feedback.js';
import { SelectField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay } from '../../lib/dates.js';
import { impactTagLabel } from '../../lib/words.js';
import { OBSERVATIONS, THEMES, useCommand } from '../../api/command.js';
import { useDirectory, useThemeIndex } from './lookups.js';
import { ServiceOf } from './ObservationCard.js';
import { LinkObservationsDocument, ThemeSuggestionsDocument, UnlinkObservationsDocument } from './documents.js';
import { SuggestionAnswer } from './parts.js';
import { kindLabel, observationChangeLabel } from './words.js';

const ObservationDocument = graphql(`
  query InfluencerObservation($id: ID!) {
    observation(id: $id) {
      ...InfluencerObservationFields
      impactTags
      severity
      quote
      approvedQuote
      recordedAt
      retractionReason
      history {
        at
        change
        fields
        revision
      }
    }
  }
`);

type Observation = InfluencerObservationQuery['observation'];

/**
 * One observation as an influencer reads it: what happened and what it meant, the service, the
 * themes it evidences (add it to one, or take it out), what the product suggests, and its
 * history. The person is not named.
 */
export function ObservationPage() {
  const { observationId = '' } = useParams();
  const [{ data, error }] = useQuery({ query: ObservationDocument, variables: { id: observationId } });
  const directory = useDirectory();
  const observation = data?.observation;
  return (
    <Page
      title="An observation"
      heading={observation ? `${kindLabel(observation.kind)} on ${formatDay(observation.occurredOn)}` : 'An observation'}
      back={{ to: '/observations', label: 'Observations' }}
    >
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && !error ? <Loading what="the observation" /> : null}
      {observation ? (
        <>
          {observation.status === 'RETRACTED' ? (
            <Notice kind="warning">
              <p>The coach withdrew this observation{observation.retractionReason ? `: ${observation.retractionReason}` : '.'} It counts in no theme or report.</p>
            </Notice>
          ) : null}
          <dl className="facts section">
            <div className="facts__row">
              <dt>Service</dt>
              <dd>
                <ServiceOf observation={observation} />
              </dd>
            </div>
            <div className="facts__row">
              <dt>Category</dt>
              <dd>{directory.categoryName(observation.categoryId)}</dd>
            </div>
            <div className="facts__row">
              <dt>Area</dt>
              <dd>{directory.areaName(observation.areaId)}</dd>
            </div>
            <div className="facts__row">
              <dt>How much it affected them</dt>
              <dd>{observation.severity} of 5 (inside the organisation only, never shared)</dd>
            </div>
          </dl>
          <section className="section" aria-labelledby="what-heading">
            <h2 id="what-heading">What happened</h2>
            <p className="prose">{observation.whatHappened ?? 'Removed: the person asked to be forgotten.'}</p>
            <h3>{observation.kind === 'BRIGHT_SPOT' ? 'What difference it made' : 'What it meant for them'}</h3>
            <p className="prose">{observation.impact ?? 'Removed: the person asked to be forgotten.'}</p>
            {observation.impactTags.length > 0 ? (
              <p>
                <span className="tags__label">It led to: </span>
                {observation.impactTags.map((tag) => (
                  <span className="tag" key={tag}>
                    {impactTagLabel(tag)}
                  </span>
                ))}
              </p>
            ) : null}
            {observation.quote ? (
              <>
                <h3>In their own words</h3>
                <blockquote className="quote">{observation.quote}</blockquote>
                <p className="aside">
                  {observation.approvedQuote ? (
                    <>Approved for sharing as: “{observation.approvedQuote}”.</>
                  ) : (
                    <>
                      Not approved for sharing yet: <Link to="/quotes">approve it on Quotes to approve</Link>, taking out names and places.
                    </>
                  )}
                </p>
              </>
            ) : null}
          </section>
          <ThemesOfObservation observation={observation} />
          <section className="section" aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            <ol className="timeline">
              {observation.history.map((step) => (
                <li className="timeline__step" key={step.revision}>
                  <p className="timeline__what">{observationChangeLabel(step.change)}</p>
                  <p className="timeline__when">
                    {formatDay(step.at)}
                    {step.fields.length > 0 ? ` · ${step.fields.join(', ')}` : ''}
                  </p>
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </Page>
  );
}

function ThemesOfObservation({ observation }: { readonly observation: Observation }) {
  const index = useThemeIndex();
  const [suggestions] = useQuery({ query: ThemeSuggestionsDocument, requestPolicy: 'cache-and-network' });
  const [themeId, setThemeId] = useState('');
  const [problems, setProblems] = useState<{ field?: string; message: string }[]>([]);
  const [notice, setNotice] = useState<string>();
  const [linking, link] = useCommand(LinkObservationsDocument, [...THEMES, ...OBSERVATIONS]);
  const [unlinking, unlink] = useCommand(UnlinkObservationsDocument, [...THEMES, ...OBSERVATIONS]);
  const themes = index.themesOf(observation.id);
  const others = index.themes.filter((t) => !themes.some((mine) => mine.id === t.id));
  const offered = (suggestions.data?.themeSuggestions.suggestions ?? []).filter((s) => s.observationId === observation.id);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!themeId) {
      setProblems([{ field: 'add-theme', message: 'Choose the theme this observation evidences' }]);
      return;
    }
    const name = index.themes.find((t) => t.id === themeId)?.name ?? 'the theme';
    const result = await link({ input: { themeId, observationIds: [observation.id] } });
    if (!result.ok) return setProblems([{ message: result.failure.message }]);
    setProblems([]);
    setThemeId('');
    setNotice(`Added to “${name}”.`);
  };

  return (
    <section className="section" aria-labelledby="themes-heading">
      <h2 id="themes-heading">Themes</h2>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary problems={problems} />
      {!index.ready ? <Loading what="themes" /> : null}
      {index.ready && themes.length === 0 ? <p>Not in a theme yet.</p> : null}
      {themes.length > 0 ? (
        <ul className="entries">
          {themes.map((theme) => (
            <li className="entry" key={theme.id}>
              <p className="entry__title">
                <Link to={`/themes/${theme.id}`}>{theme.name}</Link>
              </p>
              <Button
                type="button"
                variant="link"
                busy={unlinking}
                busyLabel="Taking it out…"
                onClick={async () => {
                  const result = await unlink({ input: { themeId: theme.id, observationIds: [observation.id] } });
                  if (!result.ok) setProblems([{ message: result.failure.message }]);
                  else setNotice(`Taken out of “${theme.name}”.`);
                }}
              >
                Take it out of this theme<span className="visually-hidden">: {theme.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {offered.length > 0 ? (
        <>
          <h3>The product suggests</h3>
          <ul className="entries">
            {offered.map((s) => (
              <li className="entry" key={s.themeId}>
                <p>
                  <Link to={`/themes/${s.themeId}`}>{s.themeName}</Link> ({Math.round(s.score * 100)}% alike
                  {s.sharedTerms.length > 0 ? `; both mention ${s.sharedTerms.slice(0, 5).join(', ')}` : ''})
                </p>
                <SuggestionAnswer
                  themeId={s.themeId}
                  observationId={observation.id}
                  accept={<>Add to “{s.themeName}”</>}
                  dismiss={
                    <>
                      Not this theme<span className="visually-hidden">: {s.themeName}</span>
                    </>
                  }
                  onAccepted={() => setNotice(`Added to “${s.themeName}”.`)}
                  onDismissed={() => setNotice(`“${s.themeName}” will not be suggested for this observation again.`)}
                  onProblem={(message) => setProblems([{ message }])}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {index.ready && others.length > 0 ? (
        <form className="form form--inline" onSubmit={add} noValidate>
          <SelectField
            id="add-theme"
            label="Add it to a theme"
            placeholder="Choose a theme"
            options={others.map((t) => ({ value: t.id, label: t.name }))}
            value={themeId}
            onChange={(e) => setThemeId(e.target.value)}
            error={problems.find((p) => p.field === 'add-theme')?.message}
          />
          <Button type="submit" variant="secondary" busy={linking} busyLabel="Adding…">
            Add to theme
          </Button>
        </form>
      ) : null}
      {index.ready && index.themes.length === 0 ? (
        <p className="aside">
          There are no themes yet. <Link to="/themes">Propose one on the theme board</Link>, then add observations to it.
        </p>
      ) : null}
    </section>
  );
}
