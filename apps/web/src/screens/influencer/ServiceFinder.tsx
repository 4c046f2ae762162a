import { useEffect, useRef, useState } from 'react';
import { useOrganisationSearch } from '../../api/organisation-search.js';
import { Button } from '../../components/Feedback.js';
import { RadioGroup, TextField } from '../../components/Field.js';
import { organisationKindLabel } from '../../lib/words.js';

export interface ServiceChosen {
  readonly id: string;
  readonly name: string;
}

/**
 * Finds a listed service by part of its name, then offers the matches as radio buttons. Once one
 * is chosen it is shown with a way to change it. How many match is announced politely.
 */
export function ServiceFinder({
  id,
  label,
  hint,
  value,
  onChange,
  error,
}: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly value: ServiceChosen | undefined;
  readonly onChange: (service: ServiceChosen | undefined) => void;
  readonly error?: string;
}) {
  const [text, setText] = useState('');
  const { fetching, found, total, settled, searching } = useOrganisationSearch(text, { paused: value !== undefined });
  // Choosing replaces the radio buttons with the choice: focus goes to it, so it is not lost.
  const chosen = useRef<HTMLDivElement>(null);
  const justChose = useRef(false);
  useEffect(() => {
    if (value && justChose.current) chosen.current?.focus();
    justChose.current = false;
  }, [value]);

  if (value) {
    return (
      <div className="field finder finder--chosen" id={id} tabIndex={-1} ref={chosen}>
        <p className="field__label">{label}</p>
        <p className="finder__chosen">
          <span>{value.name}</span>{' '}
          <Button
            type="button"
            variant="link"
            onClick={() => {
              onChange(undefined);
              setText('');
            }}
          >
            Change<span className="visually-hidden"> the service</span>
          </Button>
        </p>
      </div>
    );
  }
  return (
    <div className="finder">
      <TextField
        id={id}
        label={label}
        hint={hint ?? 'Type part of its name, such as “housing options”.'}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error}
      />
      <p role="status" className="picker__status">
        {!settled
          ? searching && fetching
            ? 'Searching…'
            : ''
          : found.length === 0
            ? 'No listed service matches. Try another part of its name.'
            : total > found.length
              ? `${total} services match; the first ${found.length} are shown. Type more of the name to narrow them down.`
              : `${found.length === 1 ? 'One service matches' : `${found.length} services match`}.`}
      </p>
      {settled && found.length > 0 ? (
        <RadioGroup
          id={`${id}-choice`}
          name={`${id}-choice`}
          legend="Choose the service"
          options={found.map((o) => ({ value: o.id, label: o.name, hint: organisationKindLabel(o.kind) }))}
          value={undefined}
          onChange={(chosen) => {
            const organisation = found.find((o) => o.id === chosen);
            if (!organisation) return;
            justChose.current = true;
            onChange({ id: organisation.id, name: organisation.name });
          }}
        />
      ) : null}
    </div>
  );
}
