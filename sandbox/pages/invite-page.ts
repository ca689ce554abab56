import { acceptInvitationBodySchema } from '../../shared/api';
import { PASSWORD_MIN_LENGTH } from '../../shared/password-policy';
import type { SandboxContext } from '../context';
import { ApiError } from '../http/problem';
import { acceptInvitation, describeInvitation } from '../invitations/public-routes';
import { escapeHtml, page } from './html';

export interface HtmlResponse {
  status: number;
  html: string;
}

function failurePage(error: ApiError): HtmlResponse {
  const heading =
    error.code === 'invitation_expired' ? 'This invitation has expired' : 'This invitation link is not valid';
  return {
    status: error.status,
    html: page(heading, `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(error.detail)}</p>`),
  };
}

function formPage(ctx: SandboxContext, token: string, error?: string): HtmlResponse {
  try {
    const invitation = describeInvitation(ctx, token);
    const action = `/invite/${encodeURIComponent(token)}`;
    const nameField = invitation.accountExists
      ? ''
      : `<label for="name">Your name</label><input id="name" name="name" autocomplete="name" required>`;
    const passwordHint = invitation.accountExists
      ? 'Enter the password of your existing Nexus account.'
      : `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`;
    const body = `
<h1>Join ${escapeHtml(invitation.orgName)}</h1>
<p>${escapeHtml(invitation.inviterName)} invited <strong>${escapeHtml(invitation.email)}</strong> to ${escapeHtml(invitation.orgName)} on Nexus.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
  ${nameField}
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="${invitation.accountExists ? 'current-password' : 'new-password'}" required>
  <p class="hint">${escapeHtml(passwordHint)}</p>
  <button type="submit">Accept invitation</button>
</form>
<p class="hint">This invitation expires at ${escapeHtml(invitation.expiresAt)}.</p>`;
    return { status: error ? 422 : 200, html: page(`Join ${invitation.orgName}`, body) };
  } catch (caught) {
    if (caught instanceof ApiError) return failurePage(caught);
    throw caught;
  }
}

export function renderInvitePage(ctx: SandboxContext, token: string): HtmlResponse {
  return formPage(ctx, token);
}

/** The form posts here (same origin, urlencoded), so a plain browser with no script can accept. */
export async function submitInvitePage(
  ctx: SandboxContext,
  token: string,
  form: URLSearchParams,
): Promise<HtmlResponse> {
  const input = acceptInvitationBodySchema.safeParse({
    password: form.get('password') ?? '',
    name: form.get('name') || undefined,
  });
  if (!input.success) return formPage(ctx, token, 'Fill in every field.');
  try {
    const { body } = await acceptInvitation(ctx, null, token, input.data);
    const html = page(
      'Invitation accepted',
      `<h1>Welcome to ${escapeHtml(body.orgName)}</h1><p role="status">You are now a member of ${escapeHtml(body.orgName)} as ${escapeHtml(body.email)}. You can close this page and sign in to Nexus.</p>`,
    );
    return { status: 200, html };
  } catch (caught) {
    if (!(caught instanceof ApiError)) throw caught;
    if (caught.status === 404 || caught.status === 410) return failurePage(caught);
    if (caught.status === 429)
      return {
        status: 429,
        html: page('Too many attempts', `<h1>Too many attempts</h1><p>${escapeHtml(caught.detail)}</p>`),
      };
    return formPage(ctx, token, caught.detail);
  }
}
