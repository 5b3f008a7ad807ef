/**
 * Book feeds between processes over Aeron: {@code arb feed} publishes every normalised book of its
 * exchanges ({@link dev.arb.daemon.feed.FeedPublisher}), {@code arb run --subscribe} takes them
 * into its event runner ({@link dev.arb.daemon.feed.FeedSubscriber}, {@link
 * dev.arb.daemon.feed.SubscribedFeed}). The wire layout is {@link dev.arb.daemon.feed.BookCodec}'s
 * (docs/feeds.md). The only package that uses Aeron and Agrona.
 */
package dev.arb.daemon.feed;
