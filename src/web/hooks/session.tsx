import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import { authApi, systemApi } from '../api/endpoints.ts';
import type { Me, SystemInfo } from '../api/types.ts';

interface Session {
  system: SystemInfo | null;
  me: Me | null;
  /** Set when the server reported the session gone; the login page says so. */
  expired: boolean;
  loading: boolean;
  loadError: ApiError | null;
  reload(): Promise<void>;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [system, setSystem] = useState<SystemInfo | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [expired, setExpired] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  // Read by the 401 handler, which is installed once and must see the current user.
  const meRef = useRef<Me | null>(null);
  meRef.current = me;

  const reload = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      const [info, current] = await Promise.all([
        systemApi.get(),
        authApi.me().catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 401) return null;
          throw err;
        }),
      ]);
      setSystem(info);
      setMe(current);
      setCsrfToken(current?.csrfToken);
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      if (meRef.current) setExpired(true);
      setMe(null);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await authApi.login(username, password);
    setCsrfToken(res.csrfToken ?? res.user.csrfToken);
    setMe(res.user);
    setExpired(false);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Leaving is what the user asked for; a server hiccup must not keep them logged in here.
    }
    setCsrfToken(null);
    setMe(null);
  }, []);

  const value = useMemo(
    () => ({ system, me, expired, loading, loadError, reload, login, logout }),
    [system, me, expired, loading, loadError, reload, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The logged-in user inside the authenticated layout, where it is never null. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
