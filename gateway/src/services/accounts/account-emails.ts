import type { Logger } from 'pino';
import type { Mailer, MailMessage } from '../delivery/mailer.js';

/** The panel pages the emailed links open; the panel is a single page served at `/`. */
export type LinkPage = 'activate' | 'reset' | 'invite' | 'unlock';

export const panelLink = (publicUrl: string, page: LinkPage, token: string): string =>
  `${publicUrl.replace(/\/$/, '')}/#/${page}?token=${encodeURIComponent(token)}`;

const SIGNATURE = '\n\n— Tillgate\nSe você não esperava este e-mail, pode ignorá-lo.';

export function activationEmail(to: string, merchantName: string, link: string): MailMessage {
  return {
    to,
    subject: 'Ative sua conta Tillgate',
    text: `Olá!\n\nA conta de ${merchantName} foi criada no Tillgate. Para ativá-la, abra o link abaixo (válido por 24 horas):\n\n${link}${SIGNATURE}`,
  };
}

export function resetEmail(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Redefinição de senha do Tillgate',
    text: `Olá!\n\nRecebemos um pedido para redefinir a sua senha. Abra o link abaixo para escolher uma nova (válido por 1 hora, uma única vez):\n\n${link}${SIGNATURE}`,
  };
}

export function unlockEmail(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Acesso ao Tillgate bloqueado',
    text: `Olá!\n\nHouve muitas tentativas de entrar com o seu e-mail e uma senha errada, então bloqueamos o acesso. Se foi você, abra o link abaixo para desbloquear (válido por 1 hora, uma única vez). Se não foi, desbloqueie e considere trocar a senha:\n\n${link}${SIGNATURE}`,
  };
}

export function invitationEmail(to: string, merchantName: string, role: string, link: string): MailMessage {
  const papel = { admin: 'administrador', manager: 'gerente', clerk: 'operador de caixa' }[role] ?? role;
  return {
    to,
    subject: `Convite para a equipe de ${merchantName} no Tillgate`,
    text: `Olá!\n\nVocê foi convidado para a equipe de ${merchantName} no Tillgate como ${papel}. Para aceitar, abra o link abaixo e escolha sua senha (válido por 7 dias):\n\n${link}${SIGNATURE}`,
  };
}

/**
 * Sends after the commit; a mail server that fails is logged, not the caller's error: the account is made,
 * and a password reset sends a fresh link that also activates.
 */
export async function deliver(mailer: Mailer, log: Logger, message: MailMessage): Promise<void> {
  try {
    await mailer.send(message);
  } catch (err) {
    log.warn({ err, subject: message.subject }, 'email not sent');
  }
}
