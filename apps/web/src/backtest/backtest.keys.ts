/** Query keys of the backtest page: everything of one series shares `series(symbol, interval)`. */
export const backtestKeys = {
  all: ['backtest'] as const,
  series: (symbol: string, interval: string) => [...backtestKeys.all, symbol, interval] as const,
  summary: (symbol: string, interval: string, family: string) => [...backtestKeys.series(symbol, interval), 'summary', family] as const,
  records: (symbol: string, interval: string, family: string) => [...backtestKeys.series(symbol, interval), 'records', family] as const,
};
