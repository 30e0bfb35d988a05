/**
 * CrowdSec's partition key of a bucket instance (`Mapkey`, also its blackhole key).
 */
import { createHash } from 'node:crypto';

/** Lowercase hex SHA-1 of filter, NUL, groupby value, NUL, name (the partition key). */
export function partitionKey(filter: string, group: string, name: string): string {
  return createHash('sha1').update(`${filter}\0${group}\0${name}`).digest('hex');
}
