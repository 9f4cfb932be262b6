import { z } from 'zod';

/** `GET /rest/api/3/mypermissions` answers `{ permissions: { KEY: { havePermission } } }`. */
const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() }).loose()),
});

/** Whether Jira's answer grants `permission`; anything malformed or absent counts as not granted. */
export function grants(responseBody: unknown, permission: string): boolean {
  const parsed = myPermissionsSchema.safeParse(responseBody);
  return parsed.success && parsed.data.permissions[permission]?.havePermission === true;
}
