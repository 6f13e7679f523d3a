import { Fragment } from 'react';

/**
 * An identifier (an ARN, an access key, a session name) that wraps after its ':' and '/' first:
 * a <wbr> after each, which adds no character to the text copied or selected.
 */
export function Identifier({ text }: { text: string }) {
  return text.split(/(?<=[:/])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}
