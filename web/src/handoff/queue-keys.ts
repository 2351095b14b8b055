import { type Dispatch, type SetStateAction, useRef } from 'react';
import { useKeys } from '../shell/keyboard.ts';

// The queue's one-key actions. `g` starts the shell's two-key "go to" shortcuts (g a is
// Accounts, g r Reports, g c Campaigns), so a, r and c right after g belong to those and
// must not accept, reject or recycle the selected lead.

const GO_WINDOW_MS = 1200;

export interface QueueKeyActions {
  readonly count: number;
  readonly setCursor: Dispatch<SetStateAction<number>>;
  open(): void;
  accept(): void;
  reject(): void;
  recycle(): void;
}

export function useQueueKeys(actions: QueueKeyActions): void {
  const lastG = useRef(Number.NEGATIVE_INFINITY);
  const unlessGo = (act: () => void) => (event: KeyboardEvent) => {
    if (event.timeStamp - lastG.current <= GO_WINDOW_MS) return;
    event.preventDefault();
    act();
  };
  useKeys({
    g: (event) => {
      lastG.current = event.timeStamp;
    },
    j: () => actions.setCursor((i) => Math.min(i + 1, Math.max(actions.count - 1, 0))),
    k: () => actions.setCursor((i) => Math.max(i - 1, 0)),
    enter: (event) => {
      event.preventDefault();
      actions.open();
    },
    a: unlessGo(actions.accept),
    r: unlessGo(actions.reject),
    c: unlessGo(actions.recycle),
  });
}
