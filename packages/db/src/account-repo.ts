import { ACCOUNT_ROLES, type Account, type AccountRole } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import type { AccountRepo, NeedAssignment, StoredAccount } from '#core/ports.ts';
import type { SqlClient } from './sql-client.ts';

const COLUMNS =
  'id, email, display_name, role, organisation_id, password_hash, disabled, created_at, updated_at';

function toRole(value: unknown): AccountRole {
  const role = ACCOUNT_ROLES.find((r) => r === value);
  if (role === undefined) throw new Error(`accounts: unknown role ${String(value)}`);
  return role;
}

function toStored(row: Record<string, unknown>): StoredAccount {
  const organisation = row['organisation_id'];
  return {
    account: {
      id: String(row['id']),
      email: String(row['email']),
      displayName: String(row['display_name']),
      role: toRole(row['role']),
      organisationId:
        organisation === null || organisation === undefined ? null : String(organisation),
      disabled: row['disabled'] === true || row['disabled'] === 1,
      createdAt: String(row['created_at']),
      updatedAt: String(row['updated_at']),
    },
    passwordHash: String(row['password_hash']),
  };
}

/** True for a unique-constraint violation in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}

/** Accounts and need assignments in the `accounts` and `need_assignments` tables. */
export function createSqlAccountRepo(client: SqlClient): AccountRepo {
  return {
    async insert({ account, passwordHash }: StoredAccount) {
      try {
        await client.run(`INSERT INTO accounts (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          account.id,
          account.email,
          account.displayName,
          account.role,
          account.organisationId,
          passwordHash,
          account.disabled,
          account.createdAt,
          account.updatedAt,
        ]);
      } catch (error) {
        if (isUniqueViolation(error))
          throw new DomainError('conflict', `an account with e-mail ${account.email} exists`, {
            field: 'email',
          });
        throw error;
      }
    },

    async update(account: Account, passwordHash?: string) {
      const sets = [
        'display_name = ?',
        'role = ?',
        'organisation_id = ?',
        'disabled = ?',
        'updated_at = ?',
      ];
      const params = [
        account.displayName,
        account.role,
        account.organisationId,
        account.disabled,
        account.updatedAt,
      ];
      if (passwordHash !== undefined) {
        sets.push('password_hash = ?');
        params.push(passwordHash);
      }
      await client.run(`UPDATE accounts SET ${sets.join(', ')} WHERE id = ?`, [
        ...params,
        account.id,
      ]);
    },

    async get(id) {
      const rows = await client.all(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`, [id]);
      return rows[0] ? toStored(rows[0]) : undefined;
    },

    async findByEmail(email) {
      const rows = await client.all(`SELECT ${COLUMNS} FROM accounts WHERE email = ?`, [email]);
      return rows[0] ? toStored(rows[0]) : undefined;
    },

    async list() {
      const rows = await client.all(`SELECT ${COLUMNS} FROM accounts ORDER BY email`);
      return rows.map((row) => toStored(row).account);
    },

    async assignNeed(assignment: NeedAssignment) {
      await client.run(
        `INSERT INTO need_assignments (need_id, account_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (need_id, account_id) DO NOTHING`,
        [assignment.needId, assignment.accountId, assignment.assignedBy, assignment.assignedAt],
      );
    },

    async unassignNeed(needId, accountId) {
      const changed = await client.run(
        'DELETE FROM need_assignments WHERE need_id = ? AND account_id = ?',
        [needId, accountId],
      );
      return changed > 0;
    },

    async assignmentsOf(needId) {
      const rows = await client.all(
        'SELECT need_id, account_id, assigned_by, assigned_at FROM need_assignments WHERE need_id = ? ORDER BY account_id',
        [needId],
      );
      return rows.map((row) => ({
        needId: String(row['need_id']),
        accountId: String(row['account_id']),
        assignedBy: String(row['assigned_by']),
        assignedAt: String(row['assigned_at']),
      }));
    },

    async assignedNeeds(accountId) {
      const rows = await client.all<{ need_id: string }>(
        'SELECT need_id FROM need_assignments WHERE account_id = ? ORDER BY need_id',
        [accountId],
      );
      return rows.map((row) => String(row.need_id));
    },
  };
}
