import { lakeValue, type LakeValue } from './lakeValue';

/**
 * CloudTrail's names of the keys found in Lake's struct columns (userIdentity and what it nests,
 * tlsDetails), by the lower-case names Lake gives them.
 */
export const CLOUDTRAIL_KEYS: ReadonlyMap<string, string> = new Map(
  [
    'type', 'principalId', 'arn', 'accountId', 'accessKeyId', 'userName', 'invokedBy', 'identityProvider', 'credentialId',
    'sessionContext', 'attributes', 'creationDate', 'mfaAuthenticated', 'sessionIssuer', 'webIdFederationData', 'federatedProvider',
    'sourceIdentity', 'ec2RoleDelivery', 'ec2IssuedInVPC', 'assumedRoot', 'onBehalfOf', 'userId', 'identityStoreArn', 'inScopeOf',
    'issuerType', 'credentialsIssuedTo', 'tlsVersion', 'cipherSuite', 'clientProvidedHostHeader',
  ].map((key) => [key.toLowerCase(), key]),
);

/** The names of a resource's keys: CloudTrail writes its ARN as `ARN`. */
export const RESOURCE_KEYS: ReadonlyMap<string, string> = new Map([...CLOUDTRAIL_KEYS, ['arn', 'ARN']]);

/** The top-level fields whose presence makes a struct a userIdentity. */
const IDENTITY_FIELDS = ['type', 'principalId', 'arn', 'accountId', 'accessKeyId', 'userName', 'invokedBy'];

type Struct = { [key: string]: LakeValue };
const isStruct = (value: LakeValue | undefined): value is Struct => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A Lake struct as CloudTrail writes the object it stands for: keys renamed to CloudTrail's
 * by `names` (unknown ones kept as Lake wrote them), null entries left out as CloudTrail leaves them out,
 * structs within structs and arrays alike.
 */
export function cloudTrailStruct(value: LakeValue, names: ReadonlyMap<string, string> = CLOUDTRAIL_KEYS): LakeValue {
  if (Array.isArray(value)) return value.map((item) => cloudTrailStruct(item, names));
  if (!isStruct(value)) return value;
  const struct: Struct = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null) continue;
    Object.defineProperty(struct, names.get(key) ?? key, { value: cloudTrailStruct(entry, names), enumerable: true, writable: true, configurable: true });
  }
  return struct;
}

/**
 * The userIdentity a CloudTrail Lake result's `useridentity` column holds, written as Lake writes
 * a struct: `{type=IAMUser, principalid=AIDA…, arn=arn:aws:…, accountid=…, sessioncontext={attributes={creationdate=…, mfaauthenticated=true}, sessionissuer={…}}, invokedby=null}`
 * (see lakeValue), with CloudTrail's key names and without its nulls, nested structs included.
 * Undefined when the cell is not written so (JSON included), or names none of userIdentity's own fields.
 */
export function lakeIdentity(cell: string): Struct | undefined {
  if (cell.trim().startsWith('{"')) return undefined;
  const value = lakeValue(cell);
  const identity = isStruct(value) ? cloudTrailStruct(value) : undefined;
  if (!isStruct(identity)) return undefined;
  return IDENTITY_FIELDS.some((field) => typeof identity[field] === 'string' && identity[field] !== '') ? identity : undefined;
}
