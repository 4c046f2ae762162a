import { type FormEvent, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { Polarity } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { RadioGroup, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { uuid } from '../../lib/dates.js';
import { Announce } from '../partner/Announce.js';
import { AdminNav } from './AdminParts.js';

const AdminCategoriesDocument = graphql(`
  query AdminCategories {
    categories(includeRetired: true) {
      id
      name
      polarity
      position
      retired
    }
  }
`);

const AdminAddCategoryDocument = graphql(`
  mutation AdminAddCategory($commandId: ID!, $input: AddCategoryInput!) {
    addCategory(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const POLARITIES: readonly { value: Polarity; label: string; hint: string }[] = [
  { value: 'BARRIER', label: 'Barriers', hint: 'A service not working for the person' },
  { value: 'BRIGHT_SPOT', label: 'Bright spots', hint: 'Something a service did that worked' },
];

/** The taxonomy coaches file observations under: barriers and bright spots, and adding a category. */
export function Categories() {
  const [{ data, error }, refetch] = useQuery({ query: AdminCategoriesDocument, requestPolicy: 'cache-and-network' });
  const [notice, setNotice] = useState<{ text: string; n: number }>();
  return (
    <Page title="Categories" wide>
      <AdminNav />
      <p>The categories coaches choose from when they record what a service did. New ones are offered to coaches at once.</p>
      {notice ? (
        <Announce id={notice.n}>
          <p>{notice.text}</p>
        </Announce>
      ) : null}
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && !error ? <Loading what="categories" /> : null}
      {data ? (
        <div className="admin-columns">
          <div>
            {POLARITIES.map((polarity) => {
              const categories = data.categories.filter((c) => c.polarity === polarity.value);
              return (
                <section className="section" key={polarity.value} aria-labelledby={`categories-${polarity.value}`}>
                  <h2 id={`categories-${polarity.value}`}>{polarity.label}</h2>
                  {categories.length === 0 ? (
                    <p>None yet.</p>
                  ) : (
                    <ul className="category-list">
                      {categories.map((c) => (
                        <li key={c.id}>
                          {c.name} {c.retired ? <span className="badge badge--inactive">Retired: no longer offered</span> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
          <AddCategory
            onDone={(name, polarity) => {
              setNotice((old) => ({ text: `“${name}” is added to ${polarity === 'BARRIER' ? 'barriers' : 'bright spots'}.`, n: (old?.n ?? 0) + 1 }));
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        </div>
      ) : null}
    </Page>
  );
}

function AddCategory({ onDone }: { readonly onDone: (name: string, polarity: Polarity) => void }) {
  const [commandId, setCommandId] = useState(uuid);
  const [name, setName] = useState('');
  const [polarity, setPolarity] = useState<Polarity>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, add] = useMutation(AdminAddCategoryDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    const found: Problem[] = [];
    if (!polarity) found.push({ field: 'category-polarity', message: 'Choose whether it is for barriers or bright spots' });
    if (!name.trim()) found.push({ field: 'category-name', message: 'Enter the category’s name' });
    else if (name.trim().length > 100) found.push({ field: 'category-name', message: 'Shorten the name to 100 characters or fewer' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await add({ commandId, input: { name: name.trim(), polarity: polarity! } });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: 'Adding did not work. Try again.', problems: [] };
      const { summary } = fieldErrors(failure.problems, { name: 'The name', polarity: 'Barrier or bright spot', categoryId: 'The name' }, { name: 'category-name', polarity: 'category-polarity', categoryId: 'category-name' });
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    const added = name.trim();
    setCommandId(uuid());
    setName('');
    onDone(added, polarity!);
  }

  return (
    <form className="form section" onSubmit={submit} noValidate aria-labelledby="add-category-heading">
      <h2 id="add-category-heading">Add a category</h2>
      <ErrorSummary problems={problems} />
      <RadioGroup
        id="category-polarity"
        name="category-polarity"
        legend="For"
        options={POLARITIES.map((p) => ({ value: p.value, label: p.label, hint: p.hint }))}
        value={polarity}
        onChange={(value) => setPolarity(value as Polarity)}
        error={byField['category-polarity']}
      />
      <TextField
        id="category-name"
        label="Name"
        hint="Short and in plain words, such as “Waiting times”. Unique among the categories in use."
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={byField['category-name']}
        maxLength={100}
      />
      <Button type="submit" busy={fetching}>
        Add category
      </Button>
    </form>
  );
}
