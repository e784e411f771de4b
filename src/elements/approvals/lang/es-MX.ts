import type { Messages } from '../../../i18n/localize.js';

/** `<ine-approvals>` in Mexican Spanish. */
const messages = {
  heading: 'Solicitudes pendientes de aprobación',
  intro: 'Durante un periodo sensible, publicar, despublicar o eliminar requiere que otra persona administradora lo apruebe.',
  refresh: 'Actualizar',
  loading: 'Cargando solicitudes…',
  none: 'No hay solicitudes pendientes.',
  count: (n: number) => (n === 1 ? '1 solicitud pendiente' : `${n} solicitudes pendientes`),
  'action.publish': 'Publicar',
  'action.unpublish': 'Despublicar',
  'action.delete': 'Eliminar',
  clip: 'Clip',
  action: 'Acción',
  period: 'Periodo',
  requestedBy: 'Solicitada por',
  requestedAt: 'Fecha',
  reason: 'Motivo',
  decide: 'Decisión',
  approve: 'Aprobar',
  reject: 'Rechazar',
  approveLabel: (action: string, title: string) => `Aprobar: ${action} «${title}»`,
  rejectLabel: (action: string, title: string) => `Rechazar: ${action} «${title}»`,
  approved: (title: string) => `Solicitud aprobada: «${title}».`,
  rejected: (title: string) => `Solicitud rechazada: «${title}».`,
  'problem.ApprovalRefused': 'No puedes decidir una solicitud que hiciste tú: debe hacerlo otra persona administradora.',
  'problem.RequestDecided': 'Otra persona ya decidió esta solicitud.',
  'problem.PreconditionFailed': 'El clip cambió desde que se hizo la solicitud; hay que solicitarlo de nuevo.',
} satisfies Messages;
export default messages;
