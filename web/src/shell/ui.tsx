import { type ReactNode, useEffect, useRef } from 'react';
import { ApiError, errorMessage } from '../platform/api.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorPanel({ error, retry }: { error: unknown; retry?: () => void }) {
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className="state state-error" role="alert">
      <strong>{forbidden ? 'Not available for your role.' : 'This could not be loaded.'}</strong> {errorMessage(error)}
      {retry && !forbidden ? (
        <button type="button" className="link-button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/** The API's message for `field`, shown under that form control. */
export function FieldError({ error, field }: { error: unknown; field: string }) {
  if (!(error instanceof ApiError) || !fieldMatches(error.field, field)) return null;
  return (
    <div className="field-error" role="alert">
      {error.message}
    </div>
  );
}

/** An error that names none of the form's fields, shown once for the whole form. */
export function FormError({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  if (!error) return null;
  if (error instanceof ApiError && fields.some((f) => fieldMatches(error.field, f))) return null;
  return (
    <div className="form-error" role="alert">
      {errorMessage(error)}
    </div>
  );
}

// A nested field such as `deal.amountMinor` or `stages.2.key` belongs to the control named
// by its first segment unless a control claims the full path.
function fieldMatches(errorField: string | undefined, field: string): boolean {
  if (!errorField) return false;
  return errorField === field || errorField.startsWith(`${field}.`);
}

interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly wide?: boolean;
}

// A native modal <dialog>: focus is trapped, the page behind is inert and Escape closes it.
export function Dialog({ title, onClose, children, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    if (!dialog.open) {
      dialog.showModal();
      // showModal() focuses the first focusable element, the Close button. The autoFocus of a
      // child mounted with the dialog ran before, while nothing in the closed dialog could
      // take the focus, so such a child is also marked data-autofocus and gets it here.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    const handleClose = () => onCloseRef.current();
    dialog.addEventListener('close', handleClose);
    return () => dialog.removeEventListener('close', handleClose);
  }, []);
  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-label={title}>
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

export function ComingSoon({ area, children }: { area: string; children: ReactNode }) {
  return (
    <section className="page">
      <header className="page-header">
        <h1>{area}</h1>
      </header>
      <div className="coming-soon">
        <p className="coming-soon-title">Coming in a later release</p>
        <p>{children}</p>
      </div>
    </section>
  );
}

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </header>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
