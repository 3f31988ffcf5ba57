import { type Answer, at, type Call, type Route } from '../kit/index.js';
import { type CieloLedger, type Sale, STATUS } from './ledger.js';
import { apiError } from './problems.js';

/** A 1x1 PNG: the API answers the QR's image in base 64 beside its text; tills use the text. */
const QR_IMAGE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export interface ApiHooks {
  /** A sale's status changed: Cielo posts its notification to the merchant's URL. */
  changed(sale: Sale): void;
  /** A devolução was taken; the payer's bank settles it later. */
  refundRequested(sale: Sale): void;
}

/**
 * Cielo's E-commerce API paths for a Pix sale, for the merchant the call authenticated as. The transactional
 * and query paths are served alike; which host a path belongs to is the adapter's business.
 */
export function apiRoutes(ledger: CieloLedger, hooks: ApiHooks, merchantOf: (call: Call) => string): Route[] {
  const saleOf = (call: Call, paymentId: string) => ledger.find(merchantOf(call), paymentId);
  return [
    { method: 'POST', pattern: /^\/1\/sales\/?$/, handle: (call) => create(call, ledger, merchantOf(call)) },
    {
      method: 'GET',
      pattern: /^\/1\/sales\/?$/,
      handle: (call) => {
        const orderId = call.query.get('merchantOrderId') ?? '';
        const sales = ledger.byOrder(merchantOf(call), orderId);
        return {
          status: 200,
          body: { Payment: sales.map((s) => ({ PaymentId: s.paymentId, ReceveidDate: s.receivedDate })) },
        };
      },
    },
    {
      method: 'GET',
      pattern: at('/1', '/sales/:id'),
      handle: (call, [id = '']) => {
        const sale = saleOf(call, id);
        return sale ? { status: 200, body: saleView(sale, call) } : { status: 404 };
      },
    },
    {
      method: 'PUT',
      pattern: at('/1', '/sales/:id/void'),
      handle: (call, [id = '']) => {
        const sale = saleOf(call, id);
        if (!sale) return { status: 404 };
        const amount = call.query.get('amount');
        if (amount !== null && !/^[1-9]\d{0,14}$/.test(amount))
          throw apiError(400, 108, 'Amount must be greater or equal to zero');
        if (sale.status === STATUS.Pending && amount === null) {
          ledger.remove(sale);
          hooks.changed(sale);
          return voidAnswer(sale, call, 0, 'Successful');
        }
        if (sale.refundsFail)
          return voidAnswer(sale, call, 2, 'IssuficientFunds', 'Merchant with insufficient balance for refund');
        ledger.refund(sale, amount === null ? (sale.capturedAmount ?? sale.amount) - sale.refunded : Number(amount));
        hooks.refundRequested(sale);
        return voidAnswer(sale, call, 0, 'Successful');
      },
    },
  ];
}

function create(call: Call, ledger: CieloLedger, merchantId: string): Answer {
  const body = (call.body ?? {}) as {
    MerchantOrderId?: unknown;
    Customer?: unknown;
    Payment?: Record<string, unknown>;
  };
  const payment = body.Payment ?? {};
  if (typeof body.MerchantOrderId !== 'string' || !/^[0-9A-Za-z]{1,25}$/.test(body.MerchantOrderId))
    throw apiError(400, 107, 'OrderId is invalid or does not exists');
  if (typeof payment.Type !== 'string') throw apiError(400, 102, 'Payment Type is required');
  if (payment.Type !== 'Pix') throw apiError(400, 113, 'Invalid Payment Code');
  if (!Number.isSafeInteger(payment.Amount) || (payment.Amount as number) <= 0)
    throw apiError(400, 108, 'Amount must be greater or equal to zero');
  const expiration = (payment.QrCode as { Expiration?: unknown } | undefined)?.Expiration ?? 86_400;
  if (!Number.isSafeInteger(expiration) || (expiration as number) <= 0 || (expiration as number) > 86_400)
    throw apiError(400, 0, 'QrCode.Expiration must be between 1 and 86400 seconds');
  const sale = ledger.open({
    merchantId,
    merchantOrderId: body.MerchantOrderId,
    provider: typeof payment.Provider === 'string' ? payment.Provider : 'Cielo2',
    amount: payment.Amount as number,
    expirationSeconds: expiration as number,
  });
  return {
    status: 201,
    body: {
      MerchantOrderId: sale.merchantOrderId,
      ...(body.Customer === undefined ? {} : { Customer: body.Customer }),
      Payment: {
        Installments: 1,
        Capture: false,
        Authenticate: false,
        Recurrent: false,
        Provider: sale.provider,
        Amount: sale.amount,
        ReceivedDate: sale.receivedDate,
        Status: sale.status,
        QrCode: { Expiration: sale.expirationSeconds },
        SentOrderId: sale.txid,
        QrcodeBase64Image: QR_IMAGE,
        QrCodeString: sale.qrCodeString,
        PaymentId: sale.paymentId,
        Type: 'Pix',
        Currency: 'BRL',
        Country: 'BRA',
        ReturnCode: '0',
        ReturnMessage: 'Pix gerado com sucesso',
        Links: [selfLink(sale, call)],
      },
    },
  };
}

/** `GET /1/sales/{PaymentId}`: the sale as the query host answers it (no QR, as in Cielo's example). */
function saleView(sale: Sale, call: Call): Record<string, unknown> {
  return {
    MerchantOrderId: sale.merchantOrderId,
    AcquirerOrderId: sale.txid,
    Customer: { Address: {} },
    Payment: {
      Installments: 1,
      PaymentId: sale.paymentId,
      ...(sale.endToEndId ? { EndToEndId: sale.endToEndId } : {}),
      Type: 'Pix',
      Provider: sale.provider,
      Amount: sale.amount,
      ...(sale.capturedAmount === undefined ? {} : { CapturedAmount: sale.capturedAmount }),
      ...(sale.capturedDate === undefined ? {} : { CapturedDate: sale.capturedDate }),
      ...(sale.refundSettled > 0 ? { VoidedAmount: sale.refundSettled } : {}),
      ReceivedDate: sale.receivedDate,
      Currency: 'BRL',
      Country: 'BRA',
      Status: sale.status,
      Links: [selfLink(sale, call)],
    },
  };
}

function voidAnswer(
  sale: Sale,
  call: Call,
  reasonCode: number,
  reason: string,
  returnMessage = 'Operation Successful',
): Answer {
  return {
    status: 200,
    body: {
      Status: sale.status,
      ReasonCode: reasonCode,
      ReasonMessage: reason,
      ProviderReturnCode: reasonCode === 0 ? '0' : String(reasonCode),
      ProviderReturnMessage: returnMessage,
      ReturnCode: reasonCode === 0 ? '0' : String(reasonCode),
      ReturnMessage: returnMessage,
      Links: [selfLink(sale, call)],
    },
  };
}

const selfLink = (sale: Sale, call: Call) => ({
  Method: 'GET',
  Rel: 'self',
  Href: `http://${call.headers.host ?? 'emulator'}/1/sales/${sale.paymentId}`,
});
