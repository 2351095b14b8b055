import type { Api, RouteDeps } from '../server/build-app.ts';
import { SlaSettings, SlaSettingsInput } from './sla-settings.schema.ts';
import { getSlaSettings, putSlaSettings } from './sla-settings.ts';

const tags = ['hand-off'];

export async function slaSettingsRoutes(app: Api, { run }: RouteDeps): Promise<void> {
  // A read in a transaction: the first read creates the org's settings with the defaults.
  app.get(
    '/handoff/sla-settings',
    { schema: { tags, summary: 'The service-level agreement: hours and calendar', response: { 200: SlaSettings } } },
    (req) => run(req, (trx, ctx) => getSlaSettings(trx, ctx)),
  );

  app.put(
    '/handoff/sla-settings',
    {
      schema: {
        tags,
        summary: 'Change the service-level agreement',
        description:
          'Applies to clocks started from now on; running clocks keep their deadlines. Calendar errors name the field, e.g. `calendar.days.1[0].end`.',
        body: SlaSettingsInput,
        response: { 200: SlaSettings },
      },
    },
    (req) => run(req, (trx, ctx) => putSlaSettings(trx, ctx, req.body)),
  );
}
