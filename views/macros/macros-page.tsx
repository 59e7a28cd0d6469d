import type { Child } from 'hono/jsx';
import { mayWrite } from '#lib/macros/form.ts';
import type { MacroRow } from '#lib/macros/model.ts';
import type { Role } from '#lib/db/tenant.ts';
import { Outcome } from '#views/admin/form.tsx';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { TableScroll } from '#views/table-scroll.tsx';

export interface Me {
  userId: string;
  role: Role;
}

export interface MacrosState {
  notice?: string | undefined;
  error?: string | undefined;
}

export const MACROS_SWAP = { 'hx-target': '#macros-body', 'hx-swap': 'outerHTML' } as const;

/** The shell of the macro pages: the app's top bar (Macros marked) and the page's body. */
export function MacrosLayout(props: { user: LayoutUser; children: Child }) {
  return (
    <Layout title="Macros" user={props.user} nav={<AppNav current="macros" />}>
      <h1>Macros</h1>
      {props.children}
    </Layout>
  );
}

const label = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1).replace('_', ' ')}`;

/** What applying a macro does besides filling in its text. */
export function macroEffects(m: MacroRow): string {
  const parts = [
    m.internal ? 'internal note' : 'public reply',
    m.set_status ? `status → ${label(m.set_status)}` : null,
    m.set_priority ? `priority → ${label(m.set_priority)}` : null,
    m.add_tags.length ? `tags + ${m.add_tags.join(', ')}` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * The body of /app/macros: the org's shared macros and the person's own, each with what it does.
 * Leads, admins and owners change shared ones; everyone changes their own.
 */
export function MacrosBody(props: { macros: MacroRow[]; me: Me; state?: MacrosState }) {
  const state = props.state ?? {};
  const shared = props.macros.filter((m) => m.owner_user_id === null);
  const mine = props.macros.filter((m) => m.owner_user_id !== null);
  return (
    <div id="macros-body">
      <Outcome notice={state.notice} error={state.error} />
      <p class="muted">Canned responses for the ticket composer: applying one fills in its text (for you to read and send) and may set the ticket's status and priority and add tags.</p>
      <p>
        <a class="button" href="/app/macros/new">
          New macro
        </a>
      </p>
      <MacroTable id="shared" title="Shared with everyone" label="shared macros" empty="No shared macros yet." macros={shared} me={props.me} />
      <MacroTable id="mine" title="Mine" label="your macros" empty="You have no personal macros yet; only you see the ones you make." macros={mine} me={props.me} />
    </div>
  );
}

function MacroTable(props: { id: string; title: string; label: string; empty: string; macros: MacroRow[]; me: Me }) {
  return (
    <section aria-labelledby={`macros-${props.id}-heading`}>
      <h2 id={`macros-${props.id}-heading`}>{props.title}</h2>
      {props.macros.length === 0 ? (
        <p class="muted">{props.empty}</p>
      ) : (
        <TableScroll label={`Table of ${props.label}`}>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Text</th>
                <th scope="col">Applying it</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {props.macros.map((m) => (
                <tr id={`macro-${m.id}`}>
                  <td>
                    <a href={`/app/macros/${m.id}`}>{m.name}</a>
                  </td>
                  <td class="small">{m.body.length > 90 ? `${m.body.slice(0, 90)}…` : m.body || <span class="muted">no text</span>}</td>
                  <td class="small">{macroEffects(m)}</td>
                  <td>
                    {mayWrite(m, props.me) ? (
                      <button type="button" class="secondary" hx-post={`/app/macros/${m.id}/delete`} hx-confirm={`Delete the macro ${m.name}?`} {...MACROS_SWAP} aria-label={`Delete ${m.name}`}>
                        Delete
                      </button>
                    ) : (
                      <span class="muted small">leads and admins change it</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
