/**
 * The session cookie (HttpOnly), the CSRF cookie and the header that repeats it on changes. A file
 * of its own (no zod): the web reads these values, and only types of the rest of the contract.
 */
export const SESSION_COOKIE = 'musubi_session';
export const CSRF_COOKIE = 'musubi_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
