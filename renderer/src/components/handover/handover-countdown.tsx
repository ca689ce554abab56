import { useEffect, useState } from 'react';

/** "Deleted in 7 h 59 min": how long until a held password is deleted, whether or not handed over. */
export function HandoverCountdown({ expiresAt, prefix = 'Deleted in' }: { expiresAt: string; prefix?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return <>{`${prefix} ${formatLeft(Date.parse(expiresAt) - now)}`}</>;
}

export function formatLeft(ms: number): string {
  // Whole minutes left, rounded down: never promise more time than there is.
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}
