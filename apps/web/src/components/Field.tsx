import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';

/**
 * Form fields with their label, hint and error message. The hint and the error are tied to the
 * control by aria-describedby, so a screen reader reads them with it; an error also sets
 * aria-invalid. Pass `id` when an error summary links to the field.
 */
interface FieldText {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string;
}

function useFieldIds(given: string | undefined, hint: unknown, error: unknown) {
  const made = useId();
  const id = given ?? `field-${made.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function HintAndError({ hint, hintId, error, errorId }: { hint?: ReactNode; hintId?: string; error?: string; errorId?: string }) {
  return (
    <>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField({ label, hint, error, id: given, className, ...input }: FieldText & InputHTMLAttributes<HTMLInputElement>) {
  const { id, hintId, errorId, describedBy } = useFieldIds(given, hint, error);
  return (
    <div className={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <input className="input" id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
    </div>
  );
}

export function TextArea({ label, hint, error, id: given, className, ...area }: FieldText & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, hintId, errorId, describedBy } = useFieldIds(given, hint, error);
  return (
    <div className={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <textarea className="input input--area" id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} rows={4} {...area} />
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
}

export function SelectField({
  label,
  hint,
  error,
  id: given,
  options,
  placeholder,
  ...select
}: FieldText & SelectHTMLAttributes<HTMLSelectElement> & { readonly options: readonly Option[]; readonly placeholder?: string }) {
  const { id, hintId, errorId, describedBy } = useFieldIds(given, hint, error);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <select className="input input--select" id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * One choice from a few, as radio buttons in a fieldset whose legend asks the question. The
 * first radio carries `id`, for an error summary's link. `inline` lays short choices side by
 * side as large tap targets.
 */
export function RadioGroup({
  legend,
  hint,
  error,
  id: given,
  name,
  options,
  value,
  onChange,
  inline,
  scale,
}: {
  readonly legend: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string;
  readonly id?: string;
  readonly name: string;
  readonly options: readonly Option[];
  readonly value: string | undefined;
  readonly onChange: (value: string) => void;
  readonly inline?: boolean;
  /** A short numbered scale (1 to 5) in one row. */
  readonly scale?: boolean;
}) {
  const { id, hintId, errorId, describedBy } = useFieldIds(given, hint, error);
  return (
    <fieldset className={`field fieldset${error ? ' field--error' : ''}`} aria-describedby={describedBy}>
      <legend className="field__label">{legend}</legend>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <div className={`choices${inline ? ' choices--inline' : ''}${scale ? ' choices--scale' : ''}`}>
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          const optionHint = option.hint ? `${optionId}-hint` : undefined;
          return (
            <div className="choice" key={option.value}>
              <input
                className="choice__input"
                type="radio"
                id={optionId}
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={optionHint}
                aria-invalid={error ? true : undefined}
              />
              <label className="choice__label" htmlFor={optionId}>
                {option.label}
                {option.hint ? (
                  <span className="choice__hint" id={optionHint}>
                    {option.hint}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Any number of choices, as checkboxes in a fieldset. */
export function CheckboxGroup({
  legend,
  hint,
  error,
  id: given,
  name,
  options,
  values,
  onChange,
}: {
  readonly legend: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string;
  readonly id?: string;
  readonly name: string;
  readonly options: readonly Option[];
  readonly values: readonly string[];
  readonly onChange: (values: string[]) => void;
}) {
  const { id, hintId, errorId, describedBy } = useFieldIds(given, hint, error);
  return (
    <fieldset className={`field fieldset${error ? ' field--error' : ''}`} aria-describedby={describedBy}>
      <legend className="field__label">{legend}</legend>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <div className="choices">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          const checked = values.includes(option.value);
          return (
            <div className="choice choice--checkbox" key={option.value}>
              <input
                className="choice__input"
                type="checkbox"
                id={optionId}
                name={name}
                value={option.value}
                checked={checked}
                onChange={() => onChange(checked ? values.filter((v) => v !== option.value) : [...values, option.value])}
              />
              <label className="choice__label" htmlFor={optionId}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A single yes/no, such as a confirmation. */
export function Checkbox({
  label,
  hint,
  error,
  id: given,
  checked,
  onChange,
}: FieldText & { readonly id?: string; readonly checked: boolean; readonly onChange: (checked: boolean) => void }) {
  // The hint is part of the label here, so only the error is tied on by aria-describedby.
  const { id, errorId } = useFieldIds(given, undefined, error);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <HintAndError error={error} errorId={errorId} />
      <div className="choice choice--checkbox">
        <input
          className="choice__input"
          type="checkbox"
          id={id}
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={errorId}
          aria-invalid={error ? true : undefined}
        />
        <label className="choice__label" htmlFor={id}>
          {label}
          {hint ? <span className="choice__hint">{hint}</span> : null}
        </label>
      </div>
    </div>
  );
}
