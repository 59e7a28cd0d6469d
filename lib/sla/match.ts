import type { TicketPriority } from '#lib/tickets/model.ts';
import type { PolicyConditions, PolicyTargets } from './policies.ts';

/** What policy conditions look at on a ticket. */
export interface TicketFacts {
  priority: TicketPriority;
  type: string;
  channel: string;
  team_id: string | null;
  tags: string[];
  /** The requester's company (memberships.company), if any. */
  company: string | null;
}

/** A policy as matching needs it. */
export interface MatchablePolicy {
  active: boolean;
  conditions: PolicyConditions;
  targets: PolicyTargets;
}

/**
 * The first active policy, in the given (position) order, whose every condition the ticket
 * meets; a condition is met when the ticket has any of its values. Companies compare without
 * regard to case. No policy matches: null.
 *
 * @example
 * const policy = matchPolicy(policies, { priority: 'high', type: 'incident', channel: 'email', team_id: null, tags: [], company: 'Acme' });
 */
export function matchPolicy<P extends MatchablePolicy>(policies: readonly P[], ticket: TicketFacts): P | null {
  return policies.find((p) => p.active && matches(p.conditions, ticket)) ?? null;
}

function matches(c: PolicyConditions, t: TicketFacts): boolean {
  if (c.priority && !c.priority.includes(t.priority)) return false;
  if (c.type && !c.type.includes(t.type as never)) return false;
  if (c.channel && !c.channel.includes(t.channel as never)) return false;
  if (c.team_id && (t.team_id === null || !c.team_id.includes(t.team_id))) return false;
  if (c.tags && !c.tags.some((tag) => t.tags.includes(tag))) return false;
  if (c.company) {
    const company = t.company?.toLowerCase();
    if (company === undefined || !c.company.some((x) => x.toLowerCase() === company)) return false;
  }
  return true;
}
