type JsonObject = Record<string, unknown>;

const objectAt = (value: JsonObject, key: string): JsonObject | undefined => {
  const inner = value[key];
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as JsonObject) : undefined;
};

/** Whether `event` is a sign-in: a console sign-in's eventType, or the sign-in service's eventSource (IAM Identity Center's too). */
export const isSignIn = (event: JsonObject): boolean => event['eventType'] === 'AwsConsoleSignIn' || event['eventSource'] === 'signin.amazonaws.com';

/**
 * A sign-in's result as its record gives it, for a sign-in (eventType AwsConsoleSignIn, or
 * eventSource signin.amazonaws.com): CloudTrail gives no errorCode there, but
 * `responseElements: {"<eventName>": "Failure"}` or `"Success"` (console sign-ins: ConsoleLogin,
 * CheckMfa, SwitchRole…), or the same in serviceEventDetails (IAM Identity Center's
 * CredentialVerification, UserAuthentication…). Undefined for any other event, or a sign-in whose
 * record gives neither (a CSV row without its responseElements).
 */
export function signInResult(event: JsonObject): 'Success' | 'Failure' | undefined {
  if (!isSignIn(event)) return undefined;
  const name = event['eventName'];
  if (typeof name !== 'string') return undefined;
  for (const said of [objectAt(event, 'responseElements')?.[name], objectAt(event, 'serviceEventDetails')?.[name]]) {
    if (said === 'Failure' || said === 'Success') return said;
  }
  return undefined;
}
