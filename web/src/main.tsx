import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, onUnauthenticated } from './platform/api.ts';
import { forgetSession } from './platform/session.ts';
import { makeRouter } from './router.tsx';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx answer will not change by asking again; a dropped connection might.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});
const router = makeRouter(queryClient);

// A 401 means the session is gone (expired, revoked, signed out elsewhere), except where
// it answers a password that was mistyped.
const CREDENTIAL_CHECKS = new Set(['/sessions', '/me/password']);
onUnauthenticated((path) => {
  if (CREDENTIAL_CHECKS.has(path) || router.state.location.pathname === '/sign-in') return;
  forgetSession(queryClient);
  void router.navigate({ to: '/sign-in', search: { redirect: router.state.location.href } });
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
