import {
  cloneElement,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  type Ref,
} from 'react';
import { Menu, type MenuProps } from '@mantine/core';

interface TargetProps {
  onClick?: (event: MouseEvent<HTMLElement>) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  ref?: Ref<HTMLElement>;
}

interface Props extends Omit<MenuProps, 'children' | 'defaultOpened' | 'opened' | 'onChange'> {
  /** The button that opens the menu (a Mantine `Button` or a plain `button`). */
  target: ReactElement<TargetProps>;
  /** The menu's `Menu.Dropdown`. */
  children: ReactNode;
}

/**
 * A Mantine `Menu` that exists only from its first use (issue 16). A `Menu` costs a `Popover`,
 * floating-ui positioning and a focus trap in the render that draws it, so the console's first
 * view draws just its target; the first click (Enter and Space click a button too) or ArrowDown
 * mounts the real menu and opens it, and it stays. Until then the target says what it opens
 * (`aria-haspopup`, `aria-expanded`), as `Menu.Target` does. The mounted target is a new element:
 * it takes the focus before the menu opens, so closing the menu gives the focus back to it.
 */
export function MenuOnFirstUse({ target, children, ...menuProps }: Props) {
  const [used, setUsed] = useState(false);
  const [opened, setOpened] = useState(false);
  const targetRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!used) return;
    targetRef.current?.focus();
    setOpened(true);
  }, [used]);

  if (!used) {
    return cloneElement(target, {
      'aria-haspopup': 'menu',
      'aria-expanded': false,
      onClick: (event: MouseEvent<HTMLElement>) => {
        target.props.onClick?.(event);
        setUsed(true);
      },
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
        target.props.onKeyDown?.(event);
        if (event.key === 'ArrowDown') {
          event.preventDefault();
          setUsed(true);
        }
      },
    } as TargetProps);
  }
  return (
    <Menu {...menuProps} opened={opened} onChange={setOpened}>
      <Menu.Target>{cloneElement(target, { ref: targetRef })}</Menu.Target>
      {children}
    </Menu>
  );
}
