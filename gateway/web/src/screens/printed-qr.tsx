import type { Till, TillQrMode } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { tills as tillsApi } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useAction } from '../ui/action.js';
import { CopyButton, Dialog } from '../ui/dialog.js';
import { ProblemMessage } from '../ui/form.js';

export const QR_MODES: TillQrMode[] = ['dynamic', 'static', 'hybrid'];

/** The sticker speaks to the shop's payers, in Portuguese whatever the panel's language. */
const STICKER = {
  title: 'Pague com Pix',
  howTo: 'Abra o app do seu banco, escolha Pix › Ler QR code, confira o valor e a loja e confirme.',
};

/** A till's printed Pix QR: shown, copied, downloaded, or printed as a counter sticker. */
export function PrintedQrDialog(props: { till: Till; storeName: string; onClose(): void }) {
  const { t } = useI18n();
  const { till } = props;
  const [code, setCode] = useState<string>();
  const { error, run } = useAction();
  useEffect(() => {
    void run(() => tillsApi.printedQr(till.id)).then((qr) => qr && setCode(qr.qr_code_text));
  }, [till.id]);
  const svg = tillsApi.printedQrUrl(till.id, 'svg');
  const print = () => {
    const sticker = window.open('', '_blank', 'width=420,height=600');
    if (!sticker) return;
    sticker.document.title = t('tills.printedQrTitle', { name: till.name });
    sticker.document.body.innerHTML = `<div style="width:105mm;text-align:center;font-family:sans-serif">
      <h1 style="font-size:20pt;margin:8mm 0 2mm">${STICKER.title}</h1>
      <p style="margin:0">${escapeHtml(props.storeName)} · ${escapeHtml(till.name)}</p>
      <img src="${new URL(svg, location.origin)}" style="width:80mm;height:80mm" alt="QR" />
      <p style="font-size:10pt">${STICKER.howTo}</p>
    </div>`;
    const image = sticker.document.querySelector('img');
    if (image) image.onload = () => sticker.print();
  };
  return (
    <Dialog title={t('tills.printedQrTitle', { name: till.name })} testid="printed-qr-dialog" onClose={props.onClose}>
      <ProblemMessage error={error} />
      {code && (
        <div class="printed-qr">
          <p class="hint">{t(till.qr_mode === 'dynamic' ? 'tills.printedQrDynamic' : 'tills.printedQrHelp')}</p>
          <img src={svg} width={240} height={240} alt="QR" data-testid="printed-qr-image" />
          <p>
            <code data-testid="printed-qr-text">{code}</code> <CopyButton text={code} testid="printed-qr-copy" />
          </p>
          <div class="actions">
            <a href={tillsApi.printedQrUrl(till.id, 'png')} download={`${till.client_id}-pix.png`}>
              {t('tills.downloadPng')}
            </a>
            <a href={svg} download={`${till.client_id}-pix.svg`}>
              {t('tills.downloadSvg')}
            </a>
            <a href={tillsApi.printedQrUrl(till.id, 'pdf')} download={`${till.client_id}-pix.pdf`}>
              {t('tills.downloadPdf')}
            </a>
            <button type="button" onClick={print} data-testid="printed-qr-print">
              {t('tills.print')}
            </button>
            <button type="button" class="primary" onClick={props.onClose}>
              {t('action.back')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
