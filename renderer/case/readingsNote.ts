import { listed } from '../../shared/listed';
import { formatCount } from '../format';
import type { EvidenceEntry } from '../query/distinctEvidence';

/** 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, … 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${formatCount(n)}${suffix}`;
}

/** Which times it was added: 'the 1st time', 'the 1st and 2nd times'. */
const times = (readings: readonly number[]): string => `the ${listed(readings.map(ordinal))} time${readings.length > 1 ? 's' : ''}`;

/**
 * What the panel says of a file added more than once (null when it was added once): that its
 * events are counted once and, when imports stopped before reading it whole and another read it
 * whole, which times did which (the stops' own rows say why each stopped).
 */
export function readingsNote({ additions, container, stops }: Pick<EvidenceEntry, 'additions' | 'container' | 'stops'>): string | null {
  if (additions < 2) return null;
  if (stops.length === 0) return `Added ${formatCount(additions)} times (same path and SHA-256): its events are counted once`;
  const stopped = [...new Set(stops.map((stop) => stop.reading))];
  const whole = Array.from({ length: additions }, (_, at) => at + 1).filter((reading) => !stopped.includes(reading));
  const place = container.length > 0 ? 'same path and archives' : 'same path';
  return `Added ${formatCount(additions)} times (${place}): ${times(stopped)}, the import stopped before reading it whole (below); ${times(whole)}, it was read whole. The case holds all of it, its events counted once`;
}

/** How a stop's row begins: which time it was added. */
export const stopTime = (reading: number): string => `the ${ordinal(reading)} time: `;
