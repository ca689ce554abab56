import type { CSSProperties } from 'react';
import type { MemberRow } from '../../../shared/contract/members';
import classes from './member-badge.module.css';

const COLORS: Record<string, string> = {
  Pending: 'blue',
  Active: 'green',
  'Created by admin': 'violet',
  Expired: 'orange',
  Removed: 'gray',
};

function tint(color: string): CSSProperties {
  return {
    '--tint-light': `var(--mantine-color-${color}-light)`,
    '--tint-light-color': `var(--mantine-color-${color}-light-color)`,
    '--tint-outline': `var(--mantine-color-${color}-outline)`,
  } as CSSProperties;
}

export function MemberStatusBadge({ badge }: { badge: string }) {
  return (
    <span className={classes.badge} style={tint(COLORS[badge] ?? 'gray')}>
      {badge}
    </span>
  );
}

/** A local change not yet accepted by the server. */
export function PendingMarker({ pending }: { pending: MemberRow['pending'] }) {
  if (!pending) return null;
  return pending.state === 'needs_attention' ? (
    <span
      className={`${classes.badge} ${classes.outline}`}
      style={tint('red')}
      title={`Refused: ${pending.summary}${pending.reason ? ` — ${pending.reason}` : ''}. Open Pending changes to fix it.`}
    >
      Refused
    </span>
  ) : (
    <span
      className={`${classes.badge} ${classes.outline}`}
      style={tint('gray')}
      title="Saved here; waiting to be sent to the server"
    >
      Queued
    </span>
  );
}

export function MemberBadges({ row }: { row: Pick<MemberRow, 'badge' | 'pending'> }) {
  return (
    <span className={classes.badges}>
      <MemberStatusBadge badge={row.badge} />
      <PendingMarker pending={row.pending} />
    </span>
  );
}
