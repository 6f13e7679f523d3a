/** An ARN: `arn:partition:service:region:account:` and its resource. */
const ARN = /^arn:[^:]*:[^:]*:[^:]*:([^:]*):(.+)$/s;

/**
 * An ARN (an actor's, a role's) as the explorer shows it where room is short: from its resource
 * on (`user/Alice`, `assumed-role/Admin/s1`, `root`) when it is of the event's own `account`, else
 * with its account (`999999999999:user/alice`), so that actors tell apart in a narrow column and
 * one from another account stands out; anything else as it is.
 */
export function shortArn(text: string, account: string): string {
  const arn = ARN.exec(text);
  if (!arn) return text;
  const [, owner, resource] = arn;
  return owner === '' || owner === account ? resource! : `${owner}:${resource}`;
}
