// The month filter of the workforce screens (recap, activity reports, ranking): a month picker
// (<input type="month">) where the browser has one (Chromium, phones); where it has not (Firefox and
// Safari on desktops show a text box) the same field takes YYYY-MM typed by hand. Either way a
// value is checked before the screen asks the server for it: an empty, malformed or future month
// shows an error tied to the field and keeps focus there, and the screen stays on the last good
// month instead of showing the server's 400.
import { useRef, useState } from 'preact/hooks';
import { formatMonth, t } from '../i18n';
import { monthProblem, thisMonth } from '../calendar';
import { Field } from './ui';

export function MonthField({ label, value, onValue }: { label: string; value: string; onValue: (month: string) => void }) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string>();
  const ref = useRef<HTMLInputElement>(null);
  const max = thisMonth();
  /** `done`: the user committed the value (Enter, left the field, picked one); while typing, a
   *  half-written month is not an error yet. */
  const check = (v: string, done: boolean) => {
    const problem = monthProblem(v, max);
    if (!problem) {
      setError(undefined);
      if (v.trim() !== value) onValue(v.trim());
    } else if (done) {
      setError(
        problem === 'required'
          ? t('month.required')
          : problem === 'format'
            ? t('month.format', { contoh: max })
            : t('month.future', { max: formatMonth(max) }),
      );
      ref.current?.focus();
    }
  };
  return (
    <form
      class="month-filter"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        check(text, true);
      }}
    >
      <Field
        type="month"
        label={label}
        hint={t('month.hint', { contoh: max })}
        value={text}
        max={max}
        error={error}
        inputRef={ref}
        onValue={(v) => {
          setText(v);
          check(v, false);
        }}
        onChange={(e) => check((e.target as HTMLInputElement).value, true)}
      />
    </form>
  );
}
