/** The hosted payment page's words: Brazilian Portuguese by default, English when the browser prefers it. */

export type PayLang = 'pt-BR' | 'en';

const PT = {
  title: 'Pagamento',
  test: 'Ambiente de teste: nenhum valor real será cobrado.',
  amount: 'Valor',
  reference: 'Referência',
  buyerRef: 'Sua referência',
  choose: 'Escolha como pagar',
  pay: 'Pagar com {wallet}',
  waiting: 'Aguardando pagamento',
  scan: 'Escaneie o QR com o app do seu banco ou carteira, ou copie o código.',
  qrAlt: 'QR de pagamento de {amount}',
  code: 'Código copia e cola',
  copy: 'Copiar código',
  copied: 'Copiado!',
  expiresIn: 'O QR expira em',
  otherWallet: 'Pagar de outra forma',
  paid: 'Pago',
  receipt: 'Comprovante',
  paidAt: 'Pago em',
  paymentId: 'Identificador do pagamento',
  thanks: 'Obrigado! O pagamento foi recebido.',
  linkValid: 'Este link vale até {date}.',
  cancelled: 'Este link de pagamento foi cancelado pela loja.',
  expired: 'Este link de pagamento expirou. Peça um novo à loja.',
  failed: 'Este link de pagamento não está mais disponível. Peça um novo à loja.',
  notFound: 'Link de pagamento não encontrado',
  notFoundText: 'Confira o endereço no e-mail que você recebeu.',
  noWallet: 'Nenhuma forma de pagamento está disponível agora. Tente mais tarde.',
  error: 'Não foi possível gerar o QR agora. Tente de novo.',
} as const;

export type PayText = Record<keyof typeof PT, string>;

const EN: PayText = {
  title: 'Payment',
  test: 'Test environment: no real money is charged.',
  amount: 'Amount',
  reference: 'Reference',
  buyerRef: 'Your reference',
  choose: 'Choose how to pay',
  pay: 'Pay with {wallet}',
  waiting: 'Waiting for payment',
  scan: "Scan the QR with your bank's or wallet's app, or copy the code.",
  qrAlt: 'Payment QR for {amount}',
  code: 'Copy-and-paste code',
  copy: 'Copy code',
  copied: 'Copied!',
  expiresIn: 'The QR expires in',
  otherWallet: 'Pay another way',
  paid: 'Paid',
  receipt: 'Receipt',
  paidAt: 'Paid at',
  paymentId: 'Payment id',
  thanks: 'Thank you! The payment was received.',
  linkValid: 'This link is valid until {date}.',
  cancelled: 'The shop cancelled this payment link.',
  expired: 'This payment link has expired. Ask the shop for a new one.',
  failed: 'This payment link is no longer available. Ask the shop for a new one.',
  notFound: 'Payment link not found',
  notFoundText: 'Check the address in the email you received.',
  noWallet: 'No way to pay is available right now. Try again later.',
  error: 'The QR could not be made right now. Try again.',
};

export const PAY_TEXT: Record<PayLang, PayText> = { 'pt-BR': PT, en: EN };

/** English when the browser's first preference is English; Portuguese otherwise. */
export function payLangOf(acceptLanguage: string | undefined): PayLang {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: (tag ?? '').toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'pt-BR';
}

/** `{name}` filled from `vars`. */
export const say = (text: string, vars: Record<string, string> = {}): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
