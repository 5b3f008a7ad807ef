package dev.arb.daemon.chain;

import java.math.BigInteger;

/**
 * One chain as {@code /status} shows it ({@code chains.<name>}).
 *
 * @param head the latest block the node reported ({@code null} before the first read)
 * @param block the block the pools are current at
 * @param lagBlocks {@code head − block}
 * @param dataAgeSeconds seconds since {@code block} was made
 * @param poolsTracked pools followed
 * @param stalePools pools not used until they can be read again
 * @param lastEventBlock the block of the last event of a followed pool
 * @param lastEventAgeSeconds seconds since that block
 * @param executed attempts mined and profitable
 * @param rejected attempts not sent
 * @param failed attempts reverted on chain or dropped
 * @param pending transactions sent and not mined yet
 * @param gasSpentWei gas paid by the attempts mined, wei
 * @param mode {@code live} (transactions are sent) or {@code paper} (decided and recorded only)
 * @param error the last failure of the node, {@code null} when the last update succeeded
 */
public record ChainStatus(
    Long head,
    Long block,
    Long lagBlocks,
    Long dataAgeSeconds,
    int poolsTracked,
    int stalePools,
    Long lastEventBlock,
    Long lastEventAgeSeconds,
    long executed,
    long rejected,
    long failed,
    long pending,
    BigInteger gasSpentWei,
    String mode,
    String error) {}
