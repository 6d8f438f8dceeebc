import type {
  Cycle,
  Id,
  KeyResult,
  Objective,
  Person,
  Region,
  Role,
} from '../../../../plugin/domain/types.ts';
import type { ApiClient } from '../../api/client.ts';

export interface AccountRow {
  personId: Id;
  name: string;
  role: Role;
  login: string | null;
  hasPassword: boolean;
  disabled: boolean;
  linkExpiresAt: string | null;
}

export interface IssuedLink {
  token: string;
  expiresAt: string;
}

export interface AccountReply {
  account: { login: string; hasPassword: boolean; disabled: boolean };
  link: IssuedLink | null;
}

export interface PeopleIssue {
  row: number;
  column: string;
  field: string;
  reason: string;
  value: string;
  allowed?: string[];
}

export interface PeopleImportResult {
  total: number;
  valid: number;
  created: number;
  issues: PeopleIssue[];
}

export type PersonInput = Omit<Person, 'id'>;

/** The admin's organisation calls: regions, people, accounts and cycles. */
export const organisationApi = (api: ApiClient) => ({
  createRegion: (name: string) => api.post<Region>('/api/regions', { name }),
  renameRegion: (id: Id, name: string) =>
    api.patch<Region>(`/api/regions/${encodeURIComponent(id)}`, { name }),
  createPerson: (p: PersonInput) => api.post<Person>('/api/people', p),
  updatePerson: (id: Id, p: Partial<PersonInput>) =>
    api.patch<Person>(`/api/people/${encodeURIComponent(id)}`, p),
  importPeople: (fileName: string, contentBase64: string) =>
    api.post<PeopleImportResult>('/api/people-import', { fileName, contentBase64 }),
  templateUrl: (lang: string) => api.url('/api/people-import/template', { lang }),
  accounts: () => api.get<AccountRow[]>('/api/accounts'),
  createAccount: (personId: Id, login: string, password?: string) =>
    api.post<AccountReply>('/api/accounts', { personId, login, ...(password ? { password } : {}) }),
  resetAccount: (personId: Id, password?: string) =>
    api.post<AccountReply>(
      `/api/accounts/${encodeURIComponent(personId)}/reset`,
      password ? { password } : {},
    ),
  setDisabled: (personId: Id, disabled: boolean) =>
    api.post(`/api/accounts/${encodeURIComponent(personId)}/disabled`, { disabled }),
  createCycle: (year: number, half: 1 | 2) => api.post<Cycle>('/api/cycles', { year, half }),
  lockCycle: (id: Id, locked: boolean) =>
    api.post<Cycle>(`/api/cycles/${encodeURIComponent(id)}/lock`, { locked }),
  carryOver: (cycleId: Id, krIds: Id[]) =>
    api.post<{ cycleId: Id; objectives: Objective[]; keyResults: KeyResult[] }>(
      `/api/cycles/${encodeURIComponent(cycleId)}/carry-over`,
      { krIds },
    ),
});
export type OrganisationApi = ReturnType<typeof organisationApi>;

/** The address a person opens to set their password; the token is a fragment, so no server logs it. */
export const linkAddress = (origin: string, token: string) => `${origin}/welcome#token=${token}`;

/** Yuan typed by a person → stored cents, exact (no binary fraction survives the rounding). */
export const yuanToCents = (yuan: number) => Math.round(yuan * 100);
export const centsToYuan = (cents: number) => cents / 100;
