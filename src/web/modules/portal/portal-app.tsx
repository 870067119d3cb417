import { useQuery } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { api } from '../../ui/api';
import { PortalLayout } from './portal-layout';
import { usePortalMe } from './portal-queries';
import { PortalSignInPage } from './portal-sign-in-page';

const PortalTicketsPage = lazy(() => import('./portal-tickets-page'));
const PortalNewTicketPage = lazy(() => import('./portal-new-ticket-page'));
const PortalTicketPage = lazy(() => import('./portal-ticket-page'));
const PortalHelpPage = lazy(() => import('./portal-help-page'));
const PortalArticlePage = lazy(() => import('./portal-article-page'));
const PortalContactPage = lazy(() => import('./portal-contact-page'));

const loading = (
  <div style={{ display: 'flex', justifyContent: 'center', padding: 80 }}>
    <Spin size="large" />
  </div>
);

/**
 * §5.11 the customer portal at /portal: its own frame and sign-in, apart from the staff
 * application (no staff session is read or needed). Requests need a signed-in customer; the
 * help centre and the "contact us" form do not.
 */
export default function PortalApp() {
  const { t } = useTranslation();
  const me = usePortalMe();
  const org = useQuery({ queryKey: ['portal', 'org'], queryFn: () => api<{ name: string }>('/portal/org'), staleTime: Infinity });
  if (me.isPending) return loading;
  if (me.isError) return <Result status="warning" title={t('portal.error.load')} />;
  const user = me.data;
  const signedIn = (page: React.ReactNode) => (user ? page : <Navigate to="/portal/sign-in" replace />);
  return (
    <PortalLayout me={user} orgName={org.data?.name ?? ''}>
      <Suspense fallback={loading}>
        <Routes>
          <Route path="sign-in" element={user ? <Navigate to="/portal" replace /> : <PortalSignInPage />} />
          <Route index element={signedIn(<PortalTicketsPage />)} />
          <Route path="new" element={signedIn(<PortalNewTicketPage />)} />
          <Route path="tickets/:id" element={signedIn(<PortalTicketPage />)} />
          <Route path="help" element={<PortalHelpPage />} />
          <Route path="help/:id" element={<PortalArticlePage signedIn={!!user} />} />
          <Route path="contact" element={<PortalContactPage />} />
          <Route path="*" element={<Navigate to="/portal" replace />} />
        </Routes>
      </Suspense>
    </PortalLayout>
  );
}
