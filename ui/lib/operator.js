// Who works at this window, as the shell learned it at login: the role
// decides which of the readers' requests this window offers to decide.
// No login in use (no operator accounts): no role, and everything is allowed.

let current = null;

/** Takes app_info's or the login's operator, [name, role], or null. */
export function setOperator(who) {
  current = who ? { name: who[0], role: who[1] } : null;
}

/** The role's code ('organizer' …), or null when login is not in use. */
export function operatorRole() {
  return current?.role ?? null;
}
