import { useState } from 'react';
import { useOrganisationSearch } from '../../api/organisation-search.js';
import { RadioGroup, TextField } from '../../components/Field.js';
import { organisationKindLabel } from '../../lib/words.js';

/** The service an observation is about: one from the list, or a name typed when it is not listed. */
export type ServiceChoice = { readonly organisationId: string; readonly name: string } | { readonly unlisted: string } | undefined;

const UNLISTED = 'unlisted';

/**
 * Finds a service by part of its name as the coach types, then offers the matches as radio
 * buttons (plus "not listed: use the name typed"). The number found is announced politely.
 */
export function OrganisationPicker({ value, onChange, error }: { readonly value: ServiceChoice; readonly onChange: (choice: ServiceChoice) => void; readonly error?: string }) {
  const [text, setText] = useState('');
  const { searching, stale, fetching, found, total, settled: ready } = useOrganisationSearch(text);

  const selected = value && 'organisationId' in value ? value.organisationId : value && 'unlisted' in value ? UNLISTED : undefined;

  const choose = (id: string) => {
    if (id === UNLISTED) onChange({ unlisted: text.trim() });
    else {
      const organisation = found.find((o) => o.id === id);
      if (organisation) onChange({ organisationId: organisation.id, name: organisation.name });
    }
  };

  return (
    <div className="picker">
      <TextField
        id="organisation"
        label="Which service?"
        hint="Type part of its name, such as “housing options” or the GP practice’s name."
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // Typing starts a new search: a choice from the earlier one no longer stands.
          if (value) onChange(undefined);
        }}
        error={error}
      />
      <p role="status" className="picker__status">
        {!searching || stale
          ? ''
          : fetching
            ? 'Searching…'
            : found.length === 0
              ? 'No listed service matches. You can record it under the name you typed.'
              : total > found.length
                ? `${total} services match; the first ${found.length} are shown. Type more of the name to narrow them down.`
                : `${found.length === 1 ? 'One service matches' : `${found.length} services match`}.`}
      </p>
      {ready ? (
        <RadioGroup
          id="organisation-choice"
          name="organisation-choice"
          legend="Choose the service"
          options={[
            ...found.map((o) => ({ value: o.id, label: o.name, hint: organisationKindLabel(o.kind) })),
            { value: UNLISTED, label: `Not listed: record it as “${text.trim()}”`, hint: 'A system influencer matches it to the right organisation later.' },
          ]}
          value={selected}
          onChange={choose}
        />
      ) : null}
    </div>
  );
}
