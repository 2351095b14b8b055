import { useEffect, useRef } from 'react';

/** True when a key press belongs to a text field, so page shortcuts must leave it alone. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

function isPlainKey(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && !event.defaultPrevented;
}

/**
 * Single-key shortcuts for a page (`j`, `k`, `/`…). They are ignored while a text field
 * has focus or a dialog is open, so typing never triggers them.
 */
export function useKeys(bindings: Readonly<Record<string, (event: KeyboardEvent) => void>>): void {
  const ref = useRef(bindings);
  ref.current = bindings;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPlainKey(event) || isTyping(event) || document.querySelector('dialog[open]')) return;
      // Named keys are bound in lower case (`enter`), printable ones as typed (`j`, `/`, `?`).
      const handler = ref.current[event.key.length === 1 ? event.key : event.key.toLowerCase()];
      if (handler) handler(event);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

const SEQUENCE_WINDOW_MS = 1200;

/** Two-key "go to" shortcuts: `g` then a letter within a moment. */
export function useGoKeys(targets: Readonly<Record<string, () => void>>): void {
  const ref = useRef(targets);
  ref.current = targets;
  useEffect(() => {
    let pendingSince = 0;
    const onKey = (event: KeyboardEvent) => {
      if (!isPlainKey(event) || isTyping(event) || document.querySelector('dialog[open]')) return;
      if (event.key === 'g' && pendingSince === 0) {
        pendingSince = event.timeStamp;
        return;
      }
      const waited = event.timeStamp - pendingSince;
      const wasPending = pendingSince !== 0;
      pendingSince = 0;
      if (!wasPending || waited > SEQUENCE_WINDOW_MS) return;
      const go = ref.current[event.key];
      if (go) {
        event.preventDefault();
        go();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
