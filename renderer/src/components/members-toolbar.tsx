import { useEffect, useRef, useState } from 'react';
import { Group, Kbd, MultiSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import type { MemberBadge } from '../../../shared/member-badge';
import { useAfterFirstPaint } from '../lib/after-first-paint';
import { useMembersQueryStore } from '../stores/members-query-store';
import { useRolesStore } from '../stores/roles-store';
import { FIELD_MAX } from '../../../shared/field-limits';
import { DensityToggle } from './density-toggle';

const STATUS_OPTIONS: MemberBadge[] = ['Active', 'Pending', 'Created by admin', 'Expired', 'Removed'];

/** Search (`/` focuses it) and the status and role filters. */
export function MembersToolbar() {
  const roles = useRolesStore((s) => s.roles);
  const storeText = useMembersQueryStore((s) => s.text);
  const badges = useMembersQueryStore((s) => s.badges);
  const roleIds = useMembersQueryStore((s) => s.roleIds);
  const setText = useMembersQueryStore((s) => s.setText);
  const setBadges = useMembersQueryStore((s) => s.setBadges);
  const setRoleIds = useMembersQueryStore((s) => s.setRoleIds);
  const [text, setLocalText] = useState(storeText);
  // What was typed reaches the query after a pause. A debounced callback, not a debounced value:
  // when the query is reset (another account or org) and the same words are typed again within
  // the pause, a debounced value would not change, the query would stay empty and the box would
  // show a search that is not applied.
  const setTextSoon = useDebouncedCallback(setText, 200);
  const changeText = (value: string) => {
    setLocalText(value);
    setTextSoon(value);
  };
  const searchRef = useRef<HTMLInputElement>(null);
  // The two MultiSelects (Combobox, Popover, floating position) mount after the first frame; until
  // then a read-only field of the same size and words stands in. Not a combobox, not focusable:
  // nothing typed or clicked can land in it (tests and people wait for the real one).
  const filtersReady = useAfterFirstPaint();

  useEffect(() => {
    if (storeText !== '') return;
    // The query was reset: the box follows, and words typed just before do not come back later.
    setTextSoon.cancel();
    setLocalText('');
  }, [storeText, setTextSoon]);

  // `/` focuses the search, except while typing (useHotkeys skips inputs) or inside a dialog.
  useHotkeys([
    [
      '/',
      (event: KeyboardEvent) => {
        if ((event.target as HTMLElement | null)?.closest('[role="dialog"]')) return;
        event.preventDefault();
        searchRef.current?.focus();
      },
      { preventDefault: false },
    ],
  ]);

  return (
    <Group align="flex-end" gap="sm">
      <TextInput
        ref={searchRef}
        label="Search members"
        maxLength={FIELD_MAX.search}
        placeholder="Name or email"
        type="search"
        value={text}
        onChange={(e) => changeText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            changeText('');
          }
        }}
        rightSection={
          <Kbd size="xs" aria-hidden="true">
            /
          </Kbd>
        }
        w={260}
      />
      {filtersReady ? (
        <>
          <MultiSelect
            label="Status"
            placeholder={badges.length ? undefined : 'Any status'}
            data={STATUS_OPTIONS}
            value={badges}
            onChange={(value) => setBadges(value as MemberBadge[])}
            clearable
            w={220}
          />
          <MultiSelect
            label="Role"
            placeholder={roleIds.length ? undefined : 'Any role'}
            data={roles.map((role) => ({ value: role.id, label: role.name }))}
            value={roleIds}
            onChange={setRoleIds}
            clearable
            w={200}
          />
        </>
      ) : (
        <>
          <FilterStandIn label="Status" placeholder="Any status" width={220} />
          <FilterStandIn label="Role" placeholder="Any role" width={200} />
        </>
      )}
      <DensityToggle />
    </Group>
  );
}

/** What a filter looks like before its MultiSelect mounts (the first frame only; the filters are empty then). */
function FilterStandIn({ label, placeholder, width }: { label: string; placeholder: string; width: number }) {
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      readOnly
      tabIndex={-1}
      maxLength={FIELD_MAX.search}
      w={width}
      wrapperProps={{ 'aria-hidden': true, 'data-testid': 'filter-stand-in' }}
    />
  );
}
