import type { SubscriptionFrequency, SubscriptionReport } from '@tillgate/sdk/protocol';
import type { MailAttachment, MailMessage } from '../delivery/mailer.js';

/** What a recipient reads: the report's pt-BR name and how often it comes. */
const REPORT_NAMES: Record<SubscriptionReport, string> = {
  sales: 'o arquivo de vendas',
  daily: 'o relatório por dia',
};
const FREQUENCY_NAMES: Record<SubscriptionFrequency, string> = {
  daily: 'todos os dias',
  weekly: 'toda segunda-feira',
  monthly: 'todo dia 1º do mês',
};

const SIGNATURE = '\n\n— Tillgate';

/** RFC 2369 and RFC 8058: mail clients show their own "unsubscribe" and POST to the link, no log-in. */
const unsubscribeHeaders = (link: string): Record<string, string> => ({
  'List-Unsubscribe': `<${link}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

export interface RecipientLinks {
  unsubscribe: string;
}

export function confirmationEmail(
  to: string,
  s: { merchantName: string; report: SubscriptionReport; frequency: SubscriptionFrequency },
  links: RecipientLinks & { confirm: string },
): MailMessage {
  return {
    to,
    subject: `Confirme o envio de relatórios de ${s.merchantName}`,
    text:
      `Olá!\n\n${s.merchantName} quer enviar a você ${REPORT_NAMES[s.report]} ${FREQUENCY_NAMES[s.frequency]}, ` +
      `às 6h. Nada será enviado antes da sua confirmação. Para confirmar, abra o link abaixo:\n\n${links.confirm}\n\n` +
      `Se você não quer recebê-lo, ignore este e-mail ou cancele aqui:\n${links.unsubscribe}${SIGNATURE}`,
    headers: unsubscribeHeaders(links.unsubscribe),
  };
}

export function reportEmail(
  to: string,
  s: { merchantName: string; report: SubscriptionReport; period: { first: string; last: string } },
  attachment: MailAttachment,
  links: RecipientLinks,
): MailMessage {
  const { first, last } = s.period;
  const days = first === last ? `de ${first}` : `de ${first} a ${last}`;
  const title = s.report === 'sales' ? 'Arquivo de vendas' : 'Relatório por dia';
  return {
    to,
    subject: `${title} ${days} — ${s.merchantName}`,
    text:
      `Olá!\n\nSegue em anexo ${REPORT_NAMES[s.report]} ${days} de ${s.merchantName} (${attachment.filename}).\n\n` +
      `Para não receber mais este relatório, abra:\n${links.unsubscribe}${SIGNATURE}`,
    attachments: [attachment],
    headers: unsubscribeHeaders(links.unsubscribe),
  };
}
