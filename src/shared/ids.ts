// Ids of records that the app or the server creates. They are UUID version 7: the first 48 bits
// are the creation time in milliseconds, so ids made one after another sort together. SQLite
// keeps every index on an id as a B-tree, and time-ordered ids append to its last pages where
// random ones land on any page. A first sync of a large account writes each page once instead of
// rewriting most of the index in every pulled page, which makes it about twice as fast.
import { v7 } from 'uuid';

/** Returns a new id made now, or at `at` for a record whose creation time is given. */
export function newId(at?: Date | string): string {
  if (at === undefined) return v7();
  const msecs = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Number.isFinite(msecs) ? v7({ msecs }) : v7();
}
