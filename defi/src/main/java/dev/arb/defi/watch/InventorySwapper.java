package dev.arb.defi.watch;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.engine.chain.DexLegResult;
import dev.arb.engine.chain.DexLegs;
import dev.arb.engine.sizing.PoolSwap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The DEX legs of CEX–DEX cycles, swapped from the flash-loan contract's own inventory through its
 * {@code swapRoute} (no loan; the output stays in the contract). Paper: the exact call is simulated
 * with {@code eth_call} from the executor at the latest block and nothing is sent. Live: the call
 * is simulated first (a revert is a missed leg, nothing sent), then sent and waited for; what it
 * realized is the contract's balance change of the output token (and of the input token) in the
 * transaction's block, to the wei. Thread-safe: each swap is one {@link Wallet#send}, which takes
 * its own nonce.
 */
public final class InventorySwapper implements DexLegs {
  private static final Logger LOG = LoggerFactory.getLogger(InventorySwapper.class);
  private static final RevertDecoder DECODER = FlashLoanArbitrageContract.decoder();

  private final ChainClient chain;
  private final Wallet wallet;
  private final FlashLoanArbitrageContract contract;

  /**
   * @param wallet the contract's owner or executor (the only accounts {@code swapRoute} accepts)
   */
  public InventorySwapper(Wallet wallet, FlashLoanArbitrageContract contract) {
    this.wallet = Objects.requireNonNull(wallet, "wallet");
    this.chain = wallet.chain();
    this.contract = Objects.requireNonNull(contract, "contract");
  }

  @Override
  public DexLegResult swap(List<PoolSwap> swaps, BigInteger minOut, boolean send) {
    if (swaps.isEmpty()) {
      throw new IllegalArgumentException("a swap needs at least one pool");
    }
    String tokenIn = swaps.get(0).tokenIn().address();
    String tokenOut = swaps.get(swaps.size() - 1).tokenOut().address();
    BigInteger amountIn = swaps.get(0).amountIn();
    List<FlashRoute.Hop> hops = new ArrayList<>();
    for (PoolSwap s : swaps) {
      hops.add(FlashRouteExecutor.hop(s));
    }
    String data = FlashLoanArbitrageContract.encodeSwapRoute(tokenIn, amountIn, hops, minOut);
    CallResult sim = chain.call(wallet.address(), contract.address(), data, DECODER);
    if (sim instanceof CallResult.Reverted r) {
      return DexLegResult.missed(
          Optional.empty(),
          Optional.empty(),
          BigInteger.ZERO,
          BigInteger.ZERO,
          "simulation reverted, not sent: " + r.reason());
    }
    BigInteger simulated =
        FlashLoanArbitrageContract.decodeAmountOut(((CallResult.Success) sim).data());
    if (!send) {
      return new DexLegResult(
          true,
          amountIn,
          simulated,
          Optional.empty(),
          Optional.empty(),
          BigInteger.ZERO,
          BigInteger.ZERO,
          "paper mode (arb.trading.mode is not live): simulated with eth_call at the latest block,"
              + " not sent");
    }
    CallResult estimate = chain.estimateGas(wallet.address(), contract.address(), data, DECODER);
    if (estimate instanceof CallResult.Reverted r) {
      return DexLegResult.missed(
          Optional.empty(),
          Optional.empty(),
          BigInteger.ZERO,
          BigInteger.ZERO,
          "gas estimate reverted, not sent: " + r.reason());
    }
    BigInteger gasLimit =
        Wallet.withHeadroom(new BigInteger(((CallResult.Success) estimate).data()));
    TransactionReceipt receipt = wallet.send(contract.address(), data, gasLimit);
    String hash = receipt.getTransactionHash();
    long block = receipt.getBlockNumber().longValueExact();
    BigInteger gasUsed = receipt.getGasUsed();
    BigInteger price =
        receipt.getEffectiveGasPrice() == null
            ? BigInteger.ZERO
            : Numeric.toBigInt(receipt.getEffectiveGasPrice());
    BigInteger gasSpent = gasUsed.multiply(price);
    if (!receipt.isStatusOK()) {
      String why = wallet.failureReason(contract.address(), data, gasLimit, receipt, DECODER);
      LOG.warn("inventory swap {} reverted: {}", hash, why);
      return DexLegResult.missed(
          Optional.of(hash), Optional.of(block), gasUsed, gasSpent, "reverted on chain: " + why);
    }
    String holder = contract.address();
    BigInteger outGain =
        Erc20.balanceOf(chain, tokenOut, holder, block)
            .subtract(Erc20.balanceOf(chain, tokenOut, holder, block - 1));
    BigInteger inSpent =
        Erc20.balanceOf(chain, tokenIn, holder, block - 1)
            .subtract(Erc20.balanceOf(chain, tokenIn, holder, block));
    return new DexLegResult(
        true,
        inSpent.max(BigInteger.ZERO),
        outGain.max(BigInteger.ZERO),
        Optional.of(hash),
        Optional.of(block),
        gasUsed,
        gasSpent,
        "mined in block "
            + block
            + "; simulated "
            + simulated
            + ", realized "
            + outGain
            + " (the contract's balance change in that block)");
  }
}
