import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { failureOf } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { InfluencerObservationFieldsFragment } from '../../gql/graphql.js';
import { formatDay } from '../../lib/dates.js';
import { OrganisationName, type ThemeSummary, useDirectory } from './lookups.js';
import { excerpt, kindLabel } from './words.js';

graphql(`
  fragment InfluencerObservationFields on ObservationView {
    id
    kind
    categoryId
    areaId
    organisationId
    unmatchedOrganisationName
    occurredOn
    whatHappened
    impact
    status
  }
`);

export type ObservationFields = InfluencerObservationFieldsFragment;

/** The id of a card's title, for a control that chooses the observation (aria-labelledby). */
export const observationTitleId = (id: string) => `observation-${id}-title`;

const ObservationByIdDocument = graphql(`
  query InfluencerObservationById($id: ID!) {
    observation(id: $id) {
      ...InfluencerObservationFields
    }
  }
`);

/** Where an observation was: the service as listed, or as the coach wrote it while unmatched. */
export function ServiceOf({ observation }: { readonly observation: Pick<ObservationFields, 'organisationId' | 'unmatchedOrganisationName'> }) {
  if (observation.organisationId) return <OrganisationName id={observation.organisationId} />;
  return <>“{observation.unmatchedOrganisationName ?? 'a service'}” (not matched to a listed service yet)</>;
}

/**
 * One observation in a list: whether it was a barrier or a bright spot, when, what kind, which
 * service and area, and what happened (its first words, as a link to the observation). No
 * person is named: influencers read across observations, not people.
 */
export function ObservationCard({
  observation,
  themes,
  children,
  headingLevel = 3,
  control,
}: {
  readonly observation: ObservationFields;
  /** The themes it evidences, when the list shows them. */
  readonly themes?: readonly ThemeSummary[];
  readonly children?: ReactNode;
  readonly headingLevel?: 2 | 3 | 4;
  /** A control before the text, such as a checkbox to choose it. */
  readonly control?: ReactNode;
}) {
  const directory = useDirectory();
  const Heading = `h${headingLevel}` as const;
  const words = observation.whatHappened ? excerpt(observation.whatHappened, 180) : 'Words removed: the person asked to be forgotten.';
  return (
    <article className={`observation observation--${observation.kind.toLowerCase()}`}>
      {control}
      <div className="observation__body">
        <p className="observation__meta">
          <span className={`badge badge--${observation.kind.toLowerCase()}`}>{kindLabel(observation.kind)}</span>{' '}
          {formatDay(observation.occurredOn)} · {directory.categoryName(observation.categoryId)} · <ServiceOf observation={observation} /> ·{' '}
          {directory.areaName(observation.areaId)}
          {observation.status === 'RETRACTED' ? (
            <>
              {' '}
              · <span className="badge">Withdrawn</span>
            </>
          ) : null}
        </p>
        <Heading className="observation__title" id={observationTitleId(observation.id)}>
          <Link to={`/observations/${observation.id}`}>{words}</Link>
        </Heading>
        {themes ? (
          <p className="observation__themes">
            {themes.length === 0 ? (
              <span className="badge badge--unthemed">Not in a theme yet</span>
            ) : (
              <>
                In {themes.length === 1 ? 'theme' : 'themes'}:{' '}
                {themes.map((t, i) => (
                  <span key={t.id}>
                    {i > 0 ? ', ' : null}
                    <Link to={`/themes/${t.id}`}>{t.name}</Link>
                  </span>
                ))}
              </>
            )}
          </p>
        ) : null}
        {children}
      </div>
    </article>
  );
}

/** An observation known only by its id: read, then shown as a card. */
export function ObservationById({
  id,
  children,
  headingLevel,
  control,
}: {
  readonly id: string;
  readonly children?: ReactNode;
  readonly headingLevel?: 2 | 3 | 4;
  readonly control?: ReactNode;
}) {
  const [{ data, error }] = useQuery({ query: ObservationByIdDocument, variables: { id } });
  if (error && !data) {
    return (
      <article className="observation">
        {control}
        <p className="observation__body">This observation could not be read: {failureOf(error).message}</p>
      </article>
    );
  }
  if (!data) {
    return (
      <article className="observation" aria-busy="true">
        {control}
        <p className="observation__body loading">Loading the observation…</p>
      </article>
    );
  }
  return (
    <ObservationCard observation={data.observation} headingLevel={headingLevel} control={control}>
      {children}
    </ObservationCard>
  );
}
