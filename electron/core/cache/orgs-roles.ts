import type Database from 'better-sqlite3';
import { z } from 'zod';
import { roleSchema, type Role } from '../../../shared/api';
import type { OrgSummary } from '../../../shared/contract/session';
import { orgSummarySchema } from '../../../shared/contract/session';
import type { Db } from './open-database';

/**
 * The orgs and roles tables of cache.db. Asked on every command (which org is selected, which
 * roles exist), so each is parsed once per change and kept, not per call.
 */
export class OrgsAndRoles {
  private orgsCache: OrgSummary[] | null = null;
  private readonly rolesCache = new Map<string, Role[]>();

  constructor(
    private readonly db: Db,
    private readonly sql: (text: string) => Database.Statement,
  ) {}

  /** After the tables were emptied from outside (clearAll). */
  forget(): void {
    this.orgsCache = null;
    this.rolesCache.clear();
  }

  setOrgs(orgs: OrgSummary[]): void {
    this.orgsCache = null;
    this.db.transaction(() => {
      this.sql('DELETE FROM orgs').run();
      const insert = this.sql('INSERT INTO orgs (id, name, role_name, permissions_json, position) VALUES (?,?,?,?,?)');
      orgs.forEach((org, index) => insert.run(org.id, org.name, org.roleName, JSON.stringify(org.permissions), index));
    })();
  }

  orgs(): OrgSummary[] {
    this.orgsCache ??= this.readOrgs();
    return this.orgsCache;
  }

  private readOrgs(): OrgSummary[] {
    return (this.sql('SELECT * FROM orgs ORDER BY position').all() as Record<string, unknown>[]).map((row) => {
      const permissions = z.array(z.string()).parse(JSON.parse(String(row.permissions_json)));
      return orgSummarySchema.parse({
        id: row.id,
        name: row.name,
        roleName: row.role_name,
        permissions,
        canManageMembers: permissions.includes('members.manage'),
      });
    });
  }

  setRoles(orgId: string, roles: Role[]): void {
    this.rolesCache.delete(orgId);
    this.db.transaction(() => {
      this.sql('DELETE FROM roles WHERE org_id = ?').run(orgId);
      const insert = this.sql(
        'INSERT INTO roles (org_id, id, name, builtin, permissions_json, position) VALUES (?,?,?,?,?,?)',
      );
      roles.forEach((role, index) =>
        insert.run(orgId, role.id, role.name, role.builtin ? 1 : 0, JSON.stringify(role.permissions), index),
      );
    })();
  }

  roles(orgId: string): Role[] {
    let roles = this.rolesCache.get(orgId);
    if (!roles) {
      roles = this.readRoles(orgId);
      this.rolesCache.set(orgId, roles);
    }
    return roles;
  }

  private readRoles(orgId: string): Role[] {
    return (
      this.sql('SELECT * FROM roles WHERE org_id = ? ORDER BY position').all(orgId) as Record<string, unknown>[]
    ).map((row) =>
      roleSchema.parse({
        id: row.id,
        name: row.name,
        builtin: row.builtin === 1,
        permissions: JSON.parse(String(row.permissions_json)),
      }),
    );
  }
}
