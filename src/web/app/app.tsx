import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../modules/auth/login-page';
import { AuthProvider, useAuth } from './auth';
import { AppLayout } from './layout';
import { EXTRA_PAGES, NAV } from './nav';
import { NotFoundPage, ForbiddenPage } from './status-pages';

const PortalApp = lazy(() => import('../modules/portal/portal-app'));
const ChatWidgetPage = lazy(() => import('../modules/chat-widget/chat-widget-page'));

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

function PageLoading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 80 }}>
      <Spin size="large" />
    </div>
  );
}

function Guarded() {
  const { me, loading, can } = useAuth();
  if (loading) return <PageLoading />;
  if (!me) return <Navigate to="/login" replace />;
  const pages = [...NAV.flatMap((g) => g.pages), ...EXTRA_PAGES];
  return (
    <AppLayout>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          {pages.map((p) => (
            <Route
              key={p.path}
              path={p.path}
              element={p.permissions.length === 0 || p.permissions.some(can) ? <p.element /> : <ForbiddenPage />}
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}

function Themed() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      <AntApp>
        <BrowserRouter>
          <Routes>
            {/* the customer portal has its own sign-in and never touches the staff session */}
            <Route
              path="/portal/*"
              element={
                <Suspense fallback={<PageLoading />}>
                  <PortalApp />
                </Suspense>
              }
            />
            {/* the website chat widget (in an iframe on another site): anonymous, no staff session */}
            <Route
              path="/chat"
              element={
                <Suspense fallback={<PageLoading />}>
                  <ChatWidgetPage />
                </Suspense>
              }
            />
            <Route
              path="*"
              element={
                <AuthProvider>
                  <Routes>
                    <Route path="/login" element={<LoginPage />} />
                    <Route path="/*" element={<Guarded />} />
                  </Routes>
                </AuthProvider>
              }
            />
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Themed />
    </QueryClientProvider>
  );
}
