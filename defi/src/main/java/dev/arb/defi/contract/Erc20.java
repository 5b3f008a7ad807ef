package dev.arb.defi.contract;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameter;

/** ERC-20 reads and transfers, and the local-only {@code TestToken}. */
public final class Erc20 {
  private static final RevertDecoder DECODER = new RevertDecoder();

  private Erc20() {}

  /**
   * Deploys {@code TestToken} (18 decimals) minting {@code supply} base units to the wallet. For
   * local chains only.
   */
  public static String deployTestToken(
      Wallet deployer, String name, String symbol, BigInteger supply) {
    ContractArtifact a = ContractArtifact.fromClasspath("local/TestToken");
    return deployer.deploy(
        Abi.creation(
            a.bytecode(), new Utf8String(name), new Utf8String(symbol), new Uint256(supply)),
        a.revertDecoder());
  }

  /** Balance of {@code holder} in base units. */
  public static BigInteger balanceOf(ChainClient chain, String token, String holder) {
    String out = chain.view(token, Abi.call("balanceOf", Abi.address(holder)));
    return (BigInteger) Abi.decode(out, Abi.uintRef()).get(0).getValue();
  }

  /** Balance of {@code holder} in base units as of {@code block}. */
  public static BigInteger balanceOf(ChainClient chain, String token, String holder, long block) {
    CallResult r =
        chain.call(
            ChainClient.ZERO_ADDRESS,
            token,
            Abi.call("balanceOf", Abi.address(holder)),
            DECODER,
            DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
    if (r instanceof CallResult.Success ok) {
      return (BigInteger) Abi.decode(ok.data(), Abi.uintRef()).get(0).getValue();
    }
    throw new ChainException(
        "chain: balanceOf of token "
            + token
            + " at block "
            + block
            + " reverted: "
            + ((CallResult.Reverted) r).reason());
  }

  /** Transfers {@code amount} base units from the wallet to {@code to}. */
  public static void transfer(Wallet from, String token, String to, BigInteger amount) {
    from.transact(token, Abi.call("transfer", Abi.address(to), Abi.uint(amount)), DECODER);
  }
}
