import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import { subscribe } from './nexus';

/** Subscribes for the component's lifetime; the latest listener is always called. */
export function useNexusEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe(event, (payload) => latest.current(payload)), [event]);
}
