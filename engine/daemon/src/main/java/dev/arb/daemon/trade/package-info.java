/**
 * The trading service: one path for paper trading, live trading and the retry of dead letters
 * ({@link dev.arb.daemon.trade.TradingService}). Every trade passes the same risk limits, runs
 * through the engine's execution policy and is stored through the {@code ExecutionRepository} port;
 * paper and live differ only in the executor. The daemon trades through a {@link
 * dev.arb.daemon.trade.TradeStep}; {@code arb dlq retry} through {@link
 * dev.arb.daemon.trade.TradingService#retry}.
 */
package dev.arb.daemon.trade;
