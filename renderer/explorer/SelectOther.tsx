/**
 * The button that selects another event of the case in the listing (a conflict's other copy, a
 * partial copy's row or full event), and once it was asked for and the listing's filters leave it
 * out, what says so and the button that widens the listing to it.
 */
export function SelectOther({ label, onSelect, reveal }: { label: string; onSelect(): void; reveal: { label: string; onClick(): void } | null }) {
  return (
    <p>
      <button type="button" onClick={onSelect}>
        {label}
      </button>
      <span role="status">{reveal ? ' It is not in this listing. ' : ''}</span>
      {reveal && (
        <button type="button" onClick={reveal.onClick}>
          {reveal.label}
        </button>
      )}
    </p>
  );
}
