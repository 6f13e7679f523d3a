/** IPC channel names: one per API call, plus the one that hands a job's port to the page. */
export const invokeChannel = (name: string): string => `cairn:${name}`;
export const INGEST_PORT_CHANNEL = 'cairn:ingest-port';
