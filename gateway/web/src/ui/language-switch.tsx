import { LANGS, useI18n } from '../i18n/index.js';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <fieldset class="lang-switch">
      <legend class="sr-only">{t('lang.label')}</legend>
      {LANGS.map((l) => (
        <button type="button" key={l} aria-pressed={lang === l} data-testid={`lang-${l}`} onClick={() => setLang(l)}>
          {l === 'pt-BR' ? 'PT' : 'EN'}
        </button>
      ))}
    </fieldset>
  );
}
