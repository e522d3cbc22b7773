/**
 * Notifications. Anything may raise one, React or not (the session, a mutation's onError):
 * `toast.error('...')`. Errors stay until dismissed; the others go after a few seconds.
 */
export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

const LIFE_MS = 6000;

class ToastStore {
  private items: Toast[] = [];
  private next = 1;
  private readonly listeners = new Set<() => void>();

  get = (): Toast[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  show(kind: ToastKind, text: string): number {
    const id = this.next++;
    this.items = [...this.items, { id, kind, text }];
    this.emit();
    if (kind !== 'error') setTimeout(() => this.dismiss(id), LIFE_MS);
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const toasts = new ToastStore();

export const toast = {
  info: (text: string) => toasts.show('info', text),
  success: (text: string) => toasts.show('success', text),
  error: (text: string) => toasts.show('error', text),
};
