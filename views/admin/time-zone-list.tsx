/** Every zone Node's Intl knows by name, plus UTC (which Intl lists under Etc/ aliases only). */
const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/**
 * Suggestions for a time-zone input (`list={id}`): a datalist rather than a select, so a zone
 * Intl spells another way (an alias such as Asia/Calcutta) stays what it is.
 */
export function TimeZoneList(props: { id: string }) {
  return (
    <datalist id={props.id}>
      {ZONES.map((z) => (
        <option value={z} />
      ))}
    </datalist>
  );
}
