import type { KeyboardEvent } from 'react';
import { optionForKey } from './form-fields';
import type { FormField } from './form-fields';

/**
 * One form field as a radio group. Arrow keys move within it (native radios); the option's one-key shortcut picks
 * it and moves focus to the next field, so the whole form can be filled from the keyboard without Tab.
 */
export function RadioField({ field, value, onChange, lesionId }: { field: FormField; value: string; onChange: (value: string) => void; lesionId: string }) {
  const onKeyDown = (e: KeyboardEvent<HTMLFieldSetElement>): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const option = optionForKey(field, e.key);
    if (option === null) return;
    e.preventDefault();
    onChange(option.value);
    const fieldsets = [...(e.currentTarget.closest('form')?.querySelectorAll('fieldset[data-field]') ?? [])];
    const next = fieldsets[fieldsets.indexOf(e.currentTarget) + 1];
    const target = next?.querySelector<HTMLInputElement>('input:checked') ?? next?.querySelector<HTMLInputElement>('input');
    target?.focus();
  };
  return (
    <fieldset className="rd-field" data-field={field.id} onKeyDown={onKeyDown}>
      <legend>{field.legend}</legend>
      {field.hint ? <p className="rd-hint">{field.hint}</p> : null}
      <div className="rd-options">
        {field.options.map((o) => (
          <label key={o.value} className={value === o.value ? 'rd-checked' : undefined} title={o.definition ?? o.label}>
            <input type="radio" name={`${lesionId}-${field.id}`} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <kbd>{o.key}</kbd> {o.label}
            {o.points !== undefined ? <span className="rd-points">{o.points}</span> : null}
            {o.definition ? <span className="rd-definition">{o.definition}</span> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
