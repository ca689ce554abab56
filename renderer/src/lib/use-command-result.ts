import { useCallback, useEffect, useState } from 'react';
import type { CommandName, CommandOutput } from '../../../shared/contract/commands';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { call, toConsoleError } from './nexus';

/**
 * The latest answer of a read command that takes no input, for a screen: asked on mount and on
 * `load()`, the last error kept until the next answer. The screen subscribes to the events that
 * should ask again (they differ per screen), each calling `load`.
 */
export function useCommandResult<C extends CommandName>(command: C) {
  const [data, setData] = useState<CommandOutput<C> | null>(null);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const load = useCallback(async () => {
    try {
      setData(await call(command));
      setError(null);
    } catch (err) {
      setError(toConsoleError(err));
    }
  }, [command]);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, error, load };
}
