import { Component, Suspense, type ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';

interface Props {
  /** What shows while the code loads; a labelled spinner unless told otherwise (dialogs: nothing). */
  fallback?: ReactNode;
  children: ReactNode;
}

/** Suspense for a lazily loaded part of the console, and a way back if its code cannot be fetched. */
export function LazyBoundary({ fallback, children }: Props) {
  return (
    <LoadErrorBoundary>
      <Suspense
        fallback={
          fallback === undefined ? (
            <Center py="xl">
              <Loader aria-label="Loading" />
            </Center>
          ) : (
            fallback
          )
        }
      >
        {children}
      </Suspense>
    </LoadErrorBoundary>
  );
}

class LoadErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert color="red" role="alert" title="This part of Nexus Admin couldn't be shown">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            Its code may not have loaded (was Nexus Admin closed or restarted?). Try again; if it keeps failing, reopen
            Nexus Admin.
          </Text>
          <Button size="xs" variant="default" onClick={() => this.setState({ failed: false })}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
}
