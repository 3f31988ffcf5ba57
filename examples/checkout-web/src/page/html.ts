/** The checkout page; its script is bundled by page-script.ts and served at /checkout.js. */
export const checkoutPage = (product: { name: string; price: string }): string => `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagamento com Pix</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  #qr { width: 16rem; height: 16rem; display: block; margin: 1rem auto; }
  textarea { width: 100%; font-family: monospace; font-size: .75rem; }
  #status { font-size: 1.5rem; font-weight: 700; }
  #status[data-state="paid"] { color: #0a7d32; }
  #status[data-state="expired"], #status[data-state="error"] { color: #b3261e; }
</style>
</head>
<body>
<h1>${product.name}</h1>
<p>Total: <strong>${product.price}</strong></p>
<p id="status" role="status" aria-live="polite">Carregando…</p>
<p id="countdown"></p>
<img id="qr" alt="QR code Pix" hidden>
<label for="code">Pix copia e cola</label>
<textarea id="code" rows="4" readonly></textarea>
<button id="copy" type="button">Copiar código</button>
<button id="renew" type="button" hidden>Gerar novo QR</button>
<script type="module" src="/checkout.js"></script>
</body>
</html>
`;
