/**
 * Who may call the console over IPC: only our own window's top frame, showing our own page.
 * A message from any other webContents, a subframe, or a page that navigated elsewhere is refused.
 */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrameLike | null;
}

export interface SenderPolicy {
  /** The id of our window's webContents, or null while there is no window. */
  trustedWebContentsId(): number | null;
  isAppUrl(url: string): boolean;
}

export function isTrustedSender(event: IpcEventLike, policy: SenderPolicy): boolean {
  const trustedId = policy.trustedWebContentsId();
  if (trustedId === null || event.sender.id !== trustedId) return false;
  const frame = event.senderFrame;
  // A null frame means it navigated or was destroyed mid-call: nothing to trust.
  if (!frame || frame.parent !== null) return false;
  return policy.isAppUrl(frame.url);
}
