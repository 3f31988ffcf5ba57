import type { Team } from '../../services/accounts/team.js';
import { inviteBody, listUsersQuery, updateUserBody, userSchema } from '../panel-schemas.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { pageOf } from '../schemas.js';

const user = { description: 'The user', schema: userSchema };

export const teamRoutes = (team: Team): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/users',
    summary: "The merchant's users (any panel user may list them)",
    tag: 'Team',
    auth: 'token',
    query: listUsersQuery,
    responses: { 200: { description: 'A page of users', schema: pageOf(userSchema) } },
    handle: async ({ principal, query }) => ({ status: 200, body: await team.list(principal, query) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users',
    summary: 'Invite a user by email with a role and optionally some stores (admin)',
    tag: 'Team',
    auth: 'token',
    body: inviteBody,
    responses: { 201: user },
    handle: async ({ principal, body }) => ({ status: 201, body: await team.invite(principal, body) }),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/users/:id',
    summary: "Change a user's role or stores (admin); the change applies to its next request",
    tag: 'Team',
    auth: 'token',
    ids: { id: 'usr' },
    body: updateUserBody,
    responses: { 200: user },
    handle: async ({ principal, params, body }) => ({
      status: 200,
      body: await team.update(principal, params.id, body),
    }),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/users/:id',
    summary: 'Remove a user (admin); its sessions end',
    tag: 'Team',
    auth: 'token',
    ids: { id: 'usr' },
    responses: { 204: { description: 'Removed' } },
    handle: async ({ principal, params }) => {
      await team.remove(principal, params.id);
      return { status: 204 };
    },
  }),
];
