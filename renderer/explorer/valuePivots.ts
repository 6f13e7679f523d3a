import type { ParamValue, Pivot } from '../query/queryProtocol';

/**
 * An access key ID as IAM issues it: `AKIA` (a user's long-term key) or `ASIA` (temporary), then
 * upper-case letters and digits, 16 to 128 characters in all (IAM's AccessKeyId constraints).
 */
const ACCESS_KEY_ID = /^A[KS]IA[A-Z0-9]{12,124}$/;

/**
 * The column pivot a value read in an event's request or response could stand for: an access key
 * ID the events signed with it (accessKey), an ARN the events made by it (actor). Offered only when
 * the case holds the value in that column (see the `pivotsHeld` request): most ARNs a call names or
 * returns (policies, buckets, roles as such) never act.
 */
export function identityPivotOf(value: ParamValue): Pivot | undefined {
  if (typeof value !== 'string') return undefined;
  if (ACCESS_KEY_ID.test(value)) return { field: 'accessKey', value };
  if (value.startsWith('arn:')) return { field: 'actor', value };
  return undefined;
}
