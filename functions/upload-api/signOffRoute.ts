import { type SignOffDeps, signOff } from '../shared/signoff/signOff.js';

/** The role a token needs to sign off quarters; unit tokens have none. */
const STEWARD_ROLE = 'steward';

/** The answer of the sign-off route, before it becomes an HTTP response. */
export interface SignOffAnswer {
  readonly statusCode: number;
  readonly body: Record<string, unknown>;
}

/**
 * `POST /approvals` with `{"action":"approve"|"reopen","period","by","note"?,"reason"?}`:
 * only a token with the steward role may call it; a unit's token gets 403
 * `forbidden-role`.
 */
const handleSignOffRoute = async (
  role: string | undefined,
  body: string | undefined,
  deps: SignOffDeps | undefined,
): Promise<SignOffAnswer> => {
  if (role !== STEWARD_ROLE || !deps) {
    return {
      statusCode: 403,
      body: {
        error: 'forbidden-role',
        message:
          'Chỉ cơ quan thường trực (vai trò steward) được phê duyệt hoặc mở lại kỳ báo cáo',
        messageEn:
          'Only a data steward (steward role) may approve or reopen a quarter',
      },
    };
  }
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(body ?? '{}') as Record<string, unknown>;
  } catch {
    request = {};
  }
  const action = request.action === 'reopen' ? 'reopen' : 'approve';
  const outcome = await signOff(
    {
      action,
      period: String(request.period ?? ''),
      by: String(request.by ?? ''),
      ...(typeof request.note === 'string' && { note: request.note }),
      ...(typeof request.reason === 'string' && { reason: request.reason }),
    },
    deps,
  );
  if (!outcome.ok) {
    const [vi, en] = outcome.message.split(' / ');
    return {
      statusCode: outcome.error === 'conflict' ? 409 : 400,
      body: { error: outcome.error, message: vi, messageEn: en ?? vi },
    };
  }
  return { statusCode: 201, body: { ...outcome.event } };
};

export { handleSignOffRoute, STEWARD_ROLE };
