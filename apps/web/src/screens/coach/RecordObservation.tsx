import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { coachTeamIds, useUser } from '../../api/session.js';
import { graphql } from '../../gql/index.js';
import type { ImpactTag, ObservationChoicesQuery, ObservationKind, PersonQuery } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { Checkbox, CheckboxGroup, RadioGroup, SelectField, TextArea, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today, uuid } from '../../lib/dates.js';
import { IMPACT_TAGS } from '../../lib/words.js';
import { OrganisationPicker, type ServiceChoice } from './OrganisationPicker.js';
import { PersonDocument } from './PersonPage.js';

const ObservationChoicesDocument = graphql(`
  query ObservationChoices {
    categories {
      id
      name
      polarity
    }
    teams {
      id
      areaId
    }
    areas {
      id
      name
    }
  }
`);

const RecordObservationDocument = graphql(`
  mutation RecordObservation($commandId: ID!, $input: RecordObservationInput!) {
    recordObservation(commandId: $commandId, input: $input) {
      id
      replayed
    }
  }
`);

const SUBJECTS: Record<string, string> = {
  kind: 'Barrier or bright spot',
  organisationId: 'The service',
  unmatchedOrganisationName: 'The service’s name',
  categoryId: 'The category',
  areaId: 'The area',
  occurredOn: 'The date',
  whatHappened: 'What happened',
  impact: 'What it meant for them',
  impactTags: 'What it led to',
  severity: 'How much it affected them',
  quote: 'Their words',
  personId: 'The person',
  interactionId: 'The conversation',
};
const FORM_FIELD: Record<string, string> = { organisationId: 'organisation', unmatchedOrganisationName: 'organisation', kind: 'kind' };

type Person = PersonQuery['person'];

/**
 * Record a barrier (a service not working for the person) or a bright spot (what worked): which
 * service, a category, what happened, what it meant for the person and, only when they agreed to
 * their words being shared anonymised, a quote in their words.
 */
export function RecordObservation() {
  const { personId } = useParams();
  const [params] = useSearchParams();
  const interactionId = params.get('interaction') ?? undefined;
  const [person] = useQuery({ query: PersonDocument, variables: { id: personId ?? '' }, pause: !personId });
  const [choices] = useQuery({ query: ObservationChoicesDocument });
  const name = person.data?.person.displayName ?? 'them';
  const error = person.error ?? choices.error;
  const ready = choices.data && (!personId || person.data);
  return (
    <Page
      title="Record an observation"
      heading={personId && person.data ? `Record an observation with ${name}` : 'Record an observation'}
      back={personId ? { to: `/people/${personId}`, label: `Back to ${person.data ? name : 'their page'}` } : { to: '/', label: 'Home' }}
    >
      {error && !ready ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!ready && !error ? <Loading what="the form" /> : null}
      {ready ? <ObservationForm person={person.data?.person} interactionId={interactionId} choices={choices.data!} /> : null}
    </Page>
  );
}

function ObservationForm({
  person,
  interactionId,
  choices,
}: {
  readonly person: Person | undefined;
  readonly interactionId: string | undefined;
  readonly choices: ObservationChoicesQuery;
}) {
  const navigate = useNavigate();
  const user = useUser();
  const interaction = person?.interactions.find((i) => i.id === interactionId);
  const areaIds = [...new Set(choices.teams.filter((t) => coachTeamIds(user).includes(t.id)).map((t) => t.areaId))];
  const [commandId] = useState(uuid);
  const [kind, setKind] = useState<ObservationKind | undefined>();
  const [service, setService] = useState<ServiceChoice>();
  const [categoryId, setCategoryId] = useState('');
  const [areaId, setAreaId] = useState(person?.areaId ?? (areaIds.length === 1 ? areaIds[0] : ''));
  const [occurredOn, setOccurredOn] = useState(interaction?.occurredOn ?? today());
  const [whatHappened, setWhatHappened] = useState('');
  const [impact, setImpact] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [severity, setSeverity] = useState<string>();
  const [quote, setQuote] = useState('');
  const [quoteAgreed, setQuoteAgreed] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, record] = useMutation(RecordObservationDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  const canQuote = person?.consent.toShareWordsAnonymised === true;
  const categories = choices.categories.filter((c) => c.polarity === kind);
  const barrier = kind === 'BARRIER';
  const brightSpot = kind === 'BRIGHT_SPOT';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    const found: Problem[] = [];
    if (!kind) found.push({ field: 'kind', message: 'Choose whether it was a barrier or a bright spot' });
    if (!service) found.push({ field: 'organisation', message: 'Find the service and choose it, or choose “Not listed” to record the name you typed' });
    if (kind && !categoryId) found.push({ field: 'categoryId', message: 'Choose the category that fits best' });
    if (!person && !areaId) found.push({ field: 'areaId', message: 'Choose the area it happened in' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(occurredOn)) found.push({ field: 'occurredOn', message: 'Enter the date it happened' });
    else if (occurredOn > today()) found.push({ field: 'occurredOn', message: 'The date cannot be in the future' });
    if (!whatHappened.trim()) found.push({ field: 'whatHappened', message: 'Write what happened' });
    if (!impact.trim()) found.push({ field: 'impact', message: brightSpot ? 'Write what difference it made to them' : 'Write what it meant for them' });
    if (!severity) found.push({ field: 'severity', message: 'Choose how much it affected them, from 1 to 5' });
    if (canQuote && quote.trim() && !quoteAgreed) found.push({ field: 'quoteAgreed', message: 'Tick to confirm they are happy for these words to be shared, or leave their words out' });
    setProblems(found);
    if (found.length > 0) return;

    const result = await record({
      commandId,
      input: {
        kind: kind!,
        organisationId: service && 'organisationId' in service ? service.organisationId : null,
        unmatchedOrganisationName: service && 'unlisted' in service ? service.unlisted : null,
        categoryId,
        areaId: person?.areaId ?? areaId,
        occurredOn,
        whatHappened: whatHappened.trim(),
        impact: impact.trim(),
        impactTags: barrier ? (tags as ImpactTag[]) : [],
        severity: Number(severity),
        quote: canQuote && quote.trim() ? quote.trim() : null,
        personId: person?.id ?? null,
        interactionId: interaction?.id ?? null,
      },
    });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: 'Saving did not work. Try again: nothing is recorded twice.', problems: [] };
      const { summary } = fieldErrors(failure.problems, SUBJECTS, FORM_FIELD);
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    const notice = `${barrier ? 'Barrier' : 'Bright spot'} saved. Thank you: this is how patterns across services get seen.`;
    navigate(person ? `/people/${person.id}` : '/', { state: { notice } });
  }

  return (
    <>
      {interaction ? <p className="aside">From your conversation on {formatDay(interaction.occurredOn)}.</p> : null}
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <RadioGroup
          id="kind"
          name="kind"
          legend="What did you see?"
          options={[
            { value: 'BARRIER', label: 'A barrier', hint: 'A service not working for the person' },
            { value: 'BRIGHT_SPOT', label: 'A bright spot', hint: 'Something a service did that worked' },
          ]}
          value={kind}
          onChange={(value) => {
            setKind(value as ObservationKind);
            setCategoryId('');
          }}
          error={byField.kind}
          inline
        />
        <OrganisationPicker value={service} onChange={setService} error={byField.organisation} />
        {kind ? (
          <SelectField
            id="categoryId"
            label="Category"
            hint={barrier ? 'What kind of barrier it was.' : 'What kind of thing worked.'}
            placeholder="Choose a category"
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            value={categoryId}
            onChange={(e) => setCategoryId(e.target.value)}
            error={byField.categoryId}
          />
        ) : null}
        {!person ? (
          areaIds.length === 1 ? null : (
            <SelectField
              id="areaId"
              label="Area"
              hint="Where it happened."
              placeholder="Choose the area"
              options={choices.areas.filter((a) => areaIds.length === 0 || areaIds.includes(a.id)).map((a) => ({ value: a.id, label: a.name }))}
              value={areaId}
              onChange={(e) => setAreaId(e.target.value)}
              error={byField.areaId}
            />
          )
        ) : null}
        <TextField id="occurredOn" label="When did it happen?" type="date" max={today()} value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} error={byField.occurredOn} />
        <TextArea
          id="whatHappened"
          label="What happened?"
          hint="What the service did or did not do. Leave out names and anything that would identify the person."
          value={whatHappened}
          onChange={(e) => setWhatHappened(e.target.value)}
          error={byField.whatHappened}
          maxLength={4000}
        />
        <TextArea
          id="impact"
          label={brightSpot ? 'What difference did it make to them?' : 'What did it mean for them?'}
          value={impact}
          onChange={(e) => setImpact(e.target.value)}
          error={byField.impact}
          maxLength={2000}
          rows={3}
        />
        {barrier ? (
          <CheckboxGroup
            id="impactTags"
            name="impactTags"
            legend="What did it lead to? (optional)"
            hint="Tick any that apply."
            options={IMPACT_TAGS.map(([value, label]) => ({ value, label }))}
            values={tags}
            onChange={setTags}
            error={byField.impactTags}
          />
        ) : null}
        <RadioGroup
          id="severity"
          name="severity"
          legend="How much did it affect them?"
          hint="1 is a little, 5 is a great deal. Used inside the organisation only, never shared."
          options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n), hint: n === 1 ? 'a little' : n === 5 ? 'a great deal' : undefined }))}
          value={severity}
          onChange={setSeverity}
          error={byField.severity}
          scale
        />
        {person ? (
          canQuote ? (
            <>
              <TextArea
                id="quote"
                label="In their own words (optional)"
                hint={`${person.displayName ?? 'They'} agreed to their words being shared anonymised. Only what they said and are happy to share.`}
                value={quote}
                onChange={(e) => setQuote(e.target.value)}
                error={byField.quote}
                maxLength={1000}
                rows={3}
              />
              {quote.trim() ? (
                <Checkbox
                  id="quoteAgreed"
                  label="They are happy for these words to be shared, with nothing that identifies them"
                  checked={quoteAgreed}
                  onChange={setQuoteAgreed}
                  error={byField.quoteAgreed}
                />
              ) : null}
            </>
          ) : (
            <p className="aside" id="quote">
              {person.displayName ?? 'This person'} has not agreed to their words being shared, so no quote is recorded. If they change their
              mind, record their consent first.
            </p>
          )
        ) : (
          <p className="aside">A quote in a person’s own words can be added when you record the observation from their page.</p>
        )}
        <Button type="submit" busy={fetching}>
          Save observation
        </Button>
      </form>
    </>
  );
}
