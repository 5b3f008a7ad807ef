package dev.arb.defi.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A separate submit URL (a private-transaction RPC, here a recording proxy in front of anvil):
 * signed transactions go there and only there; every read, receipts included, stays on the RPC.
 */
class PrivateSubmitIT {
  private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

  @Test
  void transactionsGoOnlyToTheSubmitUrlAndReadsStayOnTheRpc() throws Exception {
    try (AnvilProcess anvil = AnvilProcess.start(ContractsDir.locate());
        FaultyRpcProxy publicRpc = new FaultyRpcProxy(anvil.rpcUrl());
        FaultyRpcProxy privateRpc = new FaultyRpcProxy(anvil.rpcUrl());
        ChainClient chain =
            ChainClient.connect(ChainClient.Settings.local(publicRpc.url(), AnvilProcess.CHAIN_ID))
                .submitThrough(privateRpc.url())) {
      assertThat(chain.submitUrl()).isEqualTo(privateRpc.url());
      Wallet wallet = new Wallet(chain, DevAccounts.OWNER, FeeHistoryGasOracle.local());
      String to = DevAccounts.STRANGER.getAddress();
      BigInteger nonce = chain.pendingNonce(wallet.address());

      TransactionReceipt first = wallet.send(to, "0x", TRANSFER_GAS);
      TransactionReceipt second = wallet.send(to, "0x", TRANSFER_GAS);

      assertThat(first.isStatusOK()).isTrue();
      assertThat(second.isStatusOK()).isTrue();
      assertThat(second.getBlockNumber()).isGreaterThan(first.getBlockNumber());
      assertThat(privateRpc.sendRequests()).isEqualTo(2);
      assertThat(privateRpc.methods()).containsOnly("eth_sendRawTransaction").hasSize(2);
      assertThat(publicRpc.sendRequests()).isZero();
      assertThat(publicRpc.methods())
          .contains("eth_getTransactionReceipt", "eth_getTransactionCount")
          .doesNotContain("eth_sendRawTransaction");
      // both were mined from the owner's account, as read on the public RPC
      assertThat(chain.pendingNonce(wallet.address())).isEqualTo(nonce.add(BigInteger.TWO));
    }
  }
}
