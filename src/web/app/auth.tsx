import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import i18n, { STORED_LANG_KEY } from '../i18n/i18n';
import { api, ApiError } from '../ui/api';

export type Me = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: 'zh-CN' | 'en';
  departmentId: string | null;
  permissions: string[];
  scopes: Record<string, string>;
  fieldRules: Record<string, string>;
  roles: string[];
  totpEnabled: boolean;
  mfaSetupRequired?: boolean;
};

type AuthState = { me: Me | null; loading: boolean; can: (permission: string) => boolean; refresh: () => Promise<unknown> };

const AuthContext = createContext<AuthState>({ me: null, loading: true, can: () => false, refresh: async () => {} });

export function setLanguage(lang: 'zh-CN' | 'en') {
  localStorage.setItem(STORED_LANG_KEY, lang);
  document.documentElement.lang = lang;
  return i18n.changeLanguage(lang);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
  const me = query.data ?? null;
  useEffect(() => {
    if (me && me.locale !== i18n.language) void setLanguage(me.locale);
  }, [me]);
  useEffect(() => {
    const onUnauth = () => qc.setQueryData(['me'], null);
    window.addEventListener('kefu:unauthenticated', onUnauth);
    return () => window.removeEventListener('kefu:unauthenticated', onUnauth);
  }, [qc]);
  const can = (p: string) => !!me?.permissions.includes(p);
  return (
    <AuthContext.Provider value={{ me, loading: query.isLoading, can, refresh: () => qc.invalidateQueries({ queryKey: ['me'] }) }}>
      {children}
    </AuthContext.Provider>
  );
}

export const useAuth = () => useContext(AuthContext);
