// Which roles work with individual members (worklists, member records, imports): the pages and
// panels the others cannot use are not offered (the server refuses them anyway).
export const MEMBER_ROLES: ReadonlySet<string> = new Set(['admin', 'manager', 'coordinator']);
