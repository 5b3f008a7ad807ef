/**
 * Control of the daemon from a chat: a Telegram bot that long-polls the Bot API ({@code
 * getUpdates}) and answers {@code /status}, {@code /pause}, {@code /resume}, {@code /kill_on},
 * {@code /kill_off} and {@code /help} ({@code sendMessage}) in the chats allowed, through the same
 * lifecycle the HTTP control routes change ({@link dev.arb.daemon.chat.ChatControl}). The bot token
 * sits in the request path: it never appears in a log line, an error or {@code /status}.
 */
package dev.arb.daemon.chat;
