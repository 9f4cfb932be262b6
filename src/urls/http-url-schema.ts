import { z } from 'zod';
import { isHttpUrl, MAX_URL_LENGTH } from './http-url';

/**
 * A URL field of a Git host's payload or of an admin's request: an http(s) link by `safeHttpUrl`, the
 * app's one URL check, or the input is refused with a reason. (zod's own `.url()` accepts `javascript:`.)
 * The length is capped first, so nothing longer is ever parsed.
 */
export const httpUrl = z.string().max(MAX_URL_LENGTH).refine(isHttpUrl, { message: 'must be an http(s) URL' });
