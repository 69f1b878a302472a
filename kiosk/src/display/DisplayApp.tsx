/**
 * Minimal DisplayApp (app shell helper): shows the site and how much content it holds, so the build
 * works before the full view lands. The display helper replaces this file.
 */
import type { AppState } from '../state/app-state.ts';

export function DisplayApp({ state }: { state: AppState }) {
  const bundle = state.bundle.value;
  if (!bundle) return null;
  return (
    <main class="status-screen">
      <h1 class="status-title">{bundle.site.name}</h1>
      <p class="status-text">共 {bundle.items.length} 项办事指南 · 内容版本 {state.contentVersion.value}</p>
      <ul>
        {bundle.items.slice(0, 12).map((item) => (
          <li key={item.code}>{item.name}</li>
        ))}
      </ul>
    </main>
  );
}
