import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en.js';
import { type MessageKey, ptBR } from './pt-BR.js';

export type { MessageKey };
export const LANGS = ['pt-BR', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { 'pt-BR': ptBR, en };

const STORAGE_KEY = 'tillgate.lang';

export function storedLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'pt-BR';
}

export const storeLang = (lang: Lang): void => localStorage.setItem(STORAGE_KEY, lang);

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** `{name}` placeholders are filled from `vars`. */
export const translator =
  (lang: Lang): Translate =>
  (key, vars) =>
    DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));

/** A key the dictionaries may or may not have (problem codes, statuses from the wire). */
export const hasKey = (key: string): key is MessageKey => key in ptBR;

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
}

export const I18nContext = createContext<I18n>({ lang: 'pt-BR', t: translator('pt-BR'), setLang: () => {} });
export const useI18n = (): I18n => useContext(I18nContext);
