// The one statement that takes a lease, in either dialect: insert it, or take it over when
// it has expired or is the caller's own (a renewal). RETURNING yields a row only on success.
export const ACQUIRE_LEASE = (p: (n: number) => string) => `
  INSERT INTO leases (name, holder, expires_at) VALUES (${p(1)}, ${p(2)}, ${p(3)})
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.expires_at <= ${p(4)} OR leases.holder = excluded.holder
  RETURNING holder`;
