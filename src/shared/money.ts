// Money is an integer count of minor units (cents) with an ISO 4217 currency code.
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function formatMoney(money: Money, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amountMinor / 100);
}
