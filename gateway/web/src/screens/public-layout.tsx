import type { ComponentChildren } from 'preact';
import { LanguageSwitch } from '../ui/language-switch.js';

/** The frame of the screens without a session: brand, language, one card. */
export function PublicLayout(props: { title: string; testid: string; children: ComponentChildren }) {
  return (
    <div class="public">
      <header class="public-header">
        <span class="brand">Tillgate</span>
        <LanguageSwitch />
      </header>
      <main class="card narrow" data-testid={props.testid}>
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </div>
  );
}
