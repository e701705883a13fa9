import { api } from './client.ts';
import type {
  AuditEntry,
  ListResponse,
  LoginResponse,
  Me,
  PageQuery,
  Region,
  RegionInput,
  Role,
  SystemInfo,
  Unit,
  UnitInput,
  User,
  UserCreateInput,
  UserUpdateInput,
} from './types.ts';

export const systemApi = {
  get: () => api.get<SystemInfo>('/system'),
  setup: (body: { username: string; password: string; displayName: string }) => api.post<unknown>('/setup', body),
};

export const authApi = {
  login: (username: string, password: string) =>
    api.post<LoginResponse>('/auth/login', { username, password }, { expectUnauthorized: true }),
  logout: () => api.post<void>('/auth/logout'),
  me: () => api.get<Me>('/me', undefined, { expectUnauthorized: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/me/password', { currentPassword, newPassword }),
};

export const regionsApi = {
  list: () => api.get<ListResponse<Region>>('/regions'),
  create: (body: RegionInput) => api.post<Region>('/regions', body),
  update: (id: string, body: Partial<RegionInput>) => api.patch<Region>(`/regions/${id}`, body),
  remove: (id: string) => api.delete(`/regions/${id}`),
};

export const unitsApi = {
  list: (query: PageQuery & { regionId?: string; q?: string }) => api.get<ListResponse<Unit>>('/units', query),
  create: (body: UnitInput) => api.post<Unit>('/units', body),
  update: (id: string, body: Partial<UnitInput>) => api.patch<Unit>(`/units/${id}`, body),
  remove: (id: string) => api.delete(`/units/${id}`),
};

export const usersApi = {
  list: (query: PageQuery & { q?: string; role?: Role }) => api.get<ListResponse<User>>('/users', query),
  create: (body: UserCreateInput) => api.post<User>('/users', body),
  update: (id: string, body: UserUpdateInput) => api.patch<User>(`/users/${id}`, body),
};

export const auditApi = {
  list: (query: PageQuery & { entity?: string; actorId?: string }) =>
    api.get<ListResponse<AuditEntry>>('/audit', query),
};
