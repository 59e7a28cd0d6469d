import { TEMPLATE_VARIABLES } from '#lib/mail/templates/variables.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/mail/templates/variables — the `{{variables}}` templates may use, with what each holds. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  async handler() {
    return { items: Object.entries(TEMPLATE_VARIABLES).map(([name, description]) => ({ name, description })) };
  },
});
