// Reads a roster from YAML or JSON text (or an already-parsed value) and validates it completely:
// schema problems and reference problems are all reported together, by path.
import type { z } from 'zod';
import { ValidationError, type FieldProblem } from '../errors';
import { formatPath } from '../http/validation';
import { rosterReferenceProblems } from './roster-references';
import { rosterSchema, type Roster } from './roster-schema';

export type RosterFormat = 'yaml' | 'json' | 'auto';

/** Validates a parsed roster value; throws ValidationError listing every problem. */
export function parseRoster(input: unknown): Roster {
  const result = rosterSchema.safeParse(input ?? {});
  const problems: FieldProblem[] = result.success ? [] : schemaProblems(result.error);
  problems.push(...rosterReferenceProblems(input));
  if (!result.success || problems.length > 0) throw rosterError(problems);
  return normalizeRoster(result.data);
}

/** Parses YAML or JSON text (`auto`: YAML, which also reads JSON) and validates it. */
export async function parseRosterText(source: string, format: RosterFormat = 'auto'): Promise<Roster> {
  if (source.trim() === '') throw rosterError([{ field: '(root)', message: 'the roster is empty' }]);
  let value: unknown;
  if (format === 'json') {
    try {
      value = JSON.parse(source);
    } catch (err) {
      throw rosterError([{ field: '(root)', message: `not valid JSON: ${(err as Error).message}` }]);
    }
  } else {
    const { parseDocument } = await import('yaml');
    const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw rosterError(
        doc.errors.map((e) => ({
          field: e.linePos?.[0] ? `line ${e.linePos[0].line}` : '(root)',
          message: `not valid YAML: ${e.message.split('\n')[0] ?? e.code}`,
        })),
      );
    }
    value = doc.toJS({ maxAliasCount: 100 });
  }
  return parseRoster(value);
}

/** zod's problems by path; an unknown key is reported at its own path (`agents[0].password: unknown field`). */
function schemaProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => ({
          field: formatPath([...issue.path, k]),
          message: k === 'password' ? 'unknown field: the roster never holds passwords' : 'unknown field',
        }))
      : [{ field: formatPath(issue.path) || '(root)', message: issue.message }],
  );
}

function rosterError(problems: FieldProblem[]): ValidationError {
  const head = problems
    .slice(0, 5)
    .map((p) => `${p.field}: ${p.message}`)
    .join('; ');
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return new ValidationError(`Invalid roster: ${head}${more}`, problems);
}

/**
 * One canonical form: `permissions: all` expanded, agents' `teams` merged into each team's members, a team lead
 * made a member, lists sorted where order has no meaning. Plans and applies work on this form only.
 */
export function normalizeRoster(roster: Roster): Roster {
  const byTeam = new Map<string, Set<string>>();
  for (const team of roster.teams) {
    const members = new Set(team.members);
    if (team.lead) members.add(team.lead);
    byTeam.set(team.name.toLowerCase(), members);
  }
  for (const agent of roster.agents)
    for (const team of agent.teams) byTeam.get(team.toLowerCase())?.add(agent.username);
  const agentsByKey = new Map(roster.agents.map((a) => [a.username.toLowerCase(), a.username]));
  const canonical = (u: string) => agentsByKey.get(u.toLowerCase()) ?? u;
  return {
    ...roster,
    roles: roster.roles.map((r) => ({
      ...r,
      permissions: [...new Set(r.permissions)].sort(),
    })),
    teams: roster.teams.map((t) => ({
      ...t,
      members: [...new Set([...(byTeam.get(t.name.toLowerCase()) ?? [])].map(canonical))].sort(),
    })),
    agents: roster.agents.map((a) => ({ ...a, teams: [...new Set(a.teams)].sort() })),
  };
}
