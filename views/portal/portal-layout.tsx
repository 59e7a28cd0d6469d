import type { Child } from 'hono/jsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';

/** The customer portal's shell: the shared top bar with the portal's own two links. */
export function PortalLayout(props: { user: LayoutUser; title: string; current?: 'tickets' | 'new'; children: Child }) {
  return (
    <Layout
      title={`${props.title} · Support`}
      user={props.user}
      nav={
        <>
          <a href="/portal" aria-current={props.current === 'tickets' ? 'page' : undefined}>
            My requests
          </a>
          <a href="/portal/new" aria-current={props.current === 'new' ? 'page' : undefined}>
            New request
          </a>
        </>
      }
    >
      {props.children}
    </Layout>
  );
}

const STATUS_WORDS: Record<string, string> = {
  new: 'Received',
  open: 'Being worked on',
  pending: 'Waiting for your reply',
  on_hold: 'Being worked on',
  solved: 'Solved',
  closed: 'Closed',
};

/** A ticket's status in a customer's words (`colleague`: on a request someone else at their company made). */
export function StatusBadge(props: { status: string; colleague?: boolean }) {
  const words = props.colleague && props.status === 'pending' ? 'Waiting for their reply' : STATUS_WORDS[props.status];
  return <span class={`badge status-${props.status}`}>{words ?? props.status}</span>;
}
