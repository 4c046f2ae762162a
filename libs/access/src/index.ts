import type { Projection } from '#libs/projections';
import { auditLogProjection } from './audit/audit-log.projection.js';
import { usersProjection } from './identity/users.projection.js';

export * from './access.module.js';
export { AccountsService } from './identity/accounts.service.js';
export { WebSocketSessions } from './sessions/websocket-sessions.js';
export { userIdFor, normaliseEmail } from './identity/user-id.js';

/** The read models this capability keeps. */
export function accessProjections(): Projection[] {
  return [usersProjection, auditLogProjection];
}
export * from './disclosure/index.js';
export * from './oidc/index.js';
export { checkPassword } from './identity/password.js';
