import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/approvals/ine-approvals.js';
import { ApiError, type ApiClient, type PendingRequest } from '../src/catalog/api-client.js';

/**
 * The approval flow of a sensitive period, with an in-memory Web API (no server): the admin signed
 * in here is `supervisor`. Approving a request made by `admin` removes it from the list and says so;
 * the request `supervisor` made itself is refused by the (simulated) server, as the real API refuses
 * it: a second person must decide. Against the stand-in (`npm start`), `<ine-catalog admin>` shows
 * the same list from the real API.
 */
const ME = 'supervisor';

const request = (id: string, over: Partial<PendingRequest['request']>): PendingRequest => ({
  etag: `"v-${id}"`,
  request: {
    id: id.padEnd(32, '0'),
    action: 'publish',
    clipId: `${id}a1b2c3d4e5f60718293a4b5c6d7e8f`,
    clipTitle: '',
    period: { id: 'p1', label: 'Veda electoral 2027' },
    requestedBy: { sub: 'admin', role: 'admin' },
    requestedAt: '2027-05-30T18:05:00-06:00',
    status: 'pending',
    ...over,
  },
});

function memoryApi(): () => Promise<ApiClient> {
  let items: PendingRequest[] = [
    request('01', { clipTitle: 'Aclaración del Consejo General sobre el PREP', reason: 'Comunicado oficial urgente' }),
    request('02', { action: 'unpublish', clipTitle: 'Spot de campaña fuera de plazo', reason: 'Orden del Tribunal Electoral' }),
    request('03', { action: 'delete', clipTitle: 'Clip duplicado', requestedBy: { sub: ME, role: 'admin' } }),
  ];
  const api = {
    listPublicationRequests: async () => items,
    async decidePublicationRequest(id: string) {
      const item = items.find((i) => i.request.id === id);
      if (!item) throw new ApiError({ code: 'RequestDecided', detail: 'already decided' }, 409);
      if (item.request.requestedBy.sub === ME) throw new ApiError({ code: 'ApprovalRefused', detail: 'your own request' }, 403);
      items = items.filter((i) => i !== item);
    },
  } as unknown as ApiClient;
  return async () => api;
}

type Args = { lang: string };

const meta: Meta<Args> = {
  title: 'Elementos/ine-approvals',
  component: 'ine-approvals',
  args: { lang: 'es-MX' },
  argTypes: { lang: { control: 'select', options: ['es-MX', 'en'] } },
  render: (a) => html`<ine-approvals lang=${a.lang} .api=${memoryApi()}></ine-approvals>`,
};
export default meta;

export const Espanol: StoryObj<Args> = { name: 'Flujo de aprobación (español)', args: { lang: 'es-MX' } };
export const English: StoryObj<Args> = { name: 'Approval flow (English)', args: { lang: 'en' } };
