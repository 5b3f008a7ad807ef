package dev.arb.defi.gasless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gasless.RelayOutcome.Reason;
import dev.arb.engine.record.RelayRecord;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The forwarder, the example target and the relayer on anvil: users without ether get calls
 * executed as themselves, and the relayer pays for nothing it should not. One chain per class, each
 * test from the same deployed state (anvil snapshot, reverted after the test).
 */
class GaslessRelayIT extends OnSnapshotChain {
  private static final BigInteger REQUEST_GAS = BigInteger.valueOf(100_000);
  private static final BigInteger ETH = BigInteger.TEN.pow(18);

  private GaslessForwarder forwarder;
  private GaslessCounterContract counter;
  private GaslessCounterContract otherCounter;
  private Credentials alice;
  private Credentials bob;
  private Wallet relayerWallet;

  @Override
  protected void deploy(SnapshotChain c) throws Exception {
    forwarder = c.deployForwarder();
    Wallet deployer = c.wallet(DevAccounts.OWNER);
    counter = GaslessCounterContract.deploy(deployer, forwarder.address());
    otherCounter = GaslessCounterContract.deploy(deployer, forwarder.address());
    // fresh keys: accounts that never held ether
    alice = Credentials.create(Keys.createEcKeyPair());
    bob = Credentials.create(Keys.createEcKeyPair());
  }

  @BeforeEach
  void freshRelayerWallet() {
    relayerWallet = local.wallet(DevAccounts.EXECUTOR);
  }

  private RelayPolicy policy(int requestsPerSigner) {
    return new RelayPolicy(
        Set.of(counter.address()),
        BigInteger.valueOf(200_000),
        ETH.divide(BigInteger.TEN),
        ETH.divide(BigInteger.TEN),
        ETH,
        requestsPerSigner,
        Duration.ofSeconds(30));
  }

  private Relayer relayer(RelayPolicy policy) {
    return new Relayer(
        relayerWallet,
        FeeHistoryGasOracle.local(),
        forwarder,
        policy,
        Clock.systemUTC(),
        GaslessCounterContract.decoder());
  }

  private Relayer relayer(RelayPolicy policy, InMemoryRelayRecordStore store) {
    return new Relayer(
        relayerWallet,
        FeeHistoryGasOracle.local(),
        forwarder,
        policy,
        Clock.systemUTC(),
        GaslessCounterContract.decoder(),
        store);
  }

  private SignedRequest sign(Credentials user, String to, String data, BigInteger nonce) {
    ForwardRequest r =
        new ForwardRequest(
            user.getAddress(),
            to,
            BigInteger.ZERO,
            REQUEST_GAS,
            nonce,
            Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond(),
            data);
    return Eip712Signer.sign(forwarder.domain(), r, user);
  }

  private SignedRequest increment(Credentials user) {
    return sign(
        user,
        counter.address(),
        GaslessCounterContract.INCREMENT,
        forwarder.nonce(user.getAddress()));
  }

  @Test
  void javaDigestEqualsTheForwardersOnChainDigest() {
    SignedRequest s = increment(alice);

    byte[] onChain = forwarder.digest(s);

    assertThat(Numeric.toHexString(Eip712Signer.digest(s.domain(), s.request())))
        .isEqualTo(Numeric.toHexString(onChain));
    assertThat(forwarder.verify(s)).isTrue();
    assertThat(s.domain())
        .isEqualTo(
            new ForwarderDomain("arb-gasless", "1", AnvilProcess.CHAIN_ID, forwarder.address()));
  }

  @Test
  void userWithoutEtherGetsACallExecutedAsThemselvesAndTheRelayerPays() {
    assertThat(chain.etherBalance(alice.getAddress())).isZero();
    BigInteger relayerBefore = chain.etherBalance(relayerWallet.address());
    Relayer relayer = relayer(policy(10));

    RelayOutcome outcome = relayer.relay(increment(alice));

    assertThat(outcome).isInstanceOf(RelayOutcome.Mined.class);
    RelayOutcome.Mined mined = (RelayOutcome.Mined) outcome;
    assertThat(counter.count(alice.getAddress())).isEqualTo(BigInteger.ONE);
    assertThat(counter.count(relayerWallet.address())).isZero();
    assertThat(counter.lastSender()).isEqualTo(alice.getAddress());
    assertThat(chain.etherBalance(alice.getAddress())).isZero();
    assertThat(chain.etherBalance(relayerWallet.address()))
        .isEqualTo(relayerBefore.subtract(mined.costWei()));
    assertThat(mined.costWei()).isPositive();
    assertThat(relayer.ledger().spentToday()).isEqualTo(mined.costWei());
    assertThat(forwarder.nonce(alice.getAddress())).isEqualTo(BigInteger.ONE);
  }

  @Test
  void everyRequestIsRecordedWithItsOutcomeReasonAndCost() {
    InMemoryRelayRecordStore store = new InMemoryRelayRecordStore();
    Relayer relayer = relayer(policy(10), store);
    SignedRequest s = increment(alice);

    RelayOutcome.Mined mined = (RelayOutcome.Mined) relayer.relay(s);
    relayer.relay(s);
    relayer.relay(
        sign(alice, otherCounter.address(), GaslessCounterContract.INCREMENT, BigInteger.ONE));

    List<RelayRecord> rows = store.all();
    assertThat(rows).hasSize(3);
    RelayRecord first = rows.get(0);
    assertThat(first.outcome()).isEqualTo(RelayRecord.Outcome.MINED);
    assertThat(first.signer()).isEqualTo(alice.getAddress());
    assertThat(first.target()).isEqualTo(counter.address());
    assertThat(first.selector()).isEqualTo(GaslessCounterContract.INCREMENT);
    assertThat(first.nonce()).isZero();
    assertThat(first.gasLimit()).isEqualTo(REQUEST_GAS);
    assertThat(first.deadline()).isEqualTo(s.request().deadline());
    assertThat(first.digest())
        .isEqualTo(Numeric.toHexString(Eip712Signer.digest(s.domain(), s.request())));
    assertThat(first.signature()).isEqualTo(s.signature());
    assertThat(first.txHash()).isEqualTo(mined.txHash());
    assertThat(first.gasUsed()).isEqualTo(mined.gasUsed());
    assertThat(first.weiPaid()).isEqualTo(mined.costWei());
    assertThat(first.weiReserved()).isGreaterThanOrEqualTo(mined.costWei());
    assertThat(first.reasonCode()).isNull();
    assertThat(rows.get(1).outcome()).isEqualTo(RelayRecord.Outcome.REJECTED);
    assertThat(rows.get(1).reasonCode()).isEqualTo("NONCE");
    assertThat(rows.get(1).reason()).contains("already used: a replay");
    assertThat(rows.get(1).txHash()).isNull();
    assertThat(rows.get(2).reasonCode()).isEqualTo("TARGET_NOT_ALLOWED");
    assertThat(rows.get(2).chargedWei()).isZero();
  }

  @Test
  void spendingLimitsSurviveARestartOfTheRelayer() {
    InMemoryRelayRecordStore store = new InMemoryRelayRecordStore();
    RelayOutcome.Mined mined =
        (RelayOutcome.Mined) relayer(policy(1), store).relay(increment(alice));

    Relayer restarted = relayer(policy(1), store);

    assertThat(restarted.ledger().spentToday()).isEqualTo(mined.costWei());
    assertThat(restarted.ledger().requestsToday(alice.getAddress())).isEqualTo(1);
    RelayOutcome again = restarted.relay(increment(alice));
    assertThat(again)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(Reason.SIGNER_QUOTA));
    assertThat(counter.count(alice.getAddress())).isEqualTo(BigInteger.ONE);
    assertThat(restarted.relay(increment(bob))).isInstanceOf(RelayOutcome.Mined.class);
  }

  @Test
  void aRequestTheChainFailedOnIsRecordedAsNotSent() throws Exception {
    InMemoryRelayRecordStore store = new InMemoryRelayRecordStore();
    SignedRequest s = increment(alice);
    try (SnapshotChain own = SnapshotChain.start(c -> {})) {
      GaslessForwarder ownForwarder = own.deployForwarder();
      Relayer relayer =
          new Relayer(
              own.wallet(DevAccounts.EXECUTOR),
              FeeHistoryGasOracle.local(),
              ownForwarder,
              policy(10),
              Clock.systemUTC(),
              GaslessCounterContract.decoder(),
              store);
      own.anvil().close(); // the node goes away

      assertThatThrownBy(() -> relayer.relay(s)).isInstanceOf(ChainException.class);
    }

    assertThat(store.all())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(RelayRecord.Outcome.REJECTED);
              assertThat(r.reasonCode()).isEqualTo("CHAIN_FAILED");
              assertThat(r.reason()).startsWith("not sent: ");
              assertThat(r.signer()).isEqualTo(alice.getAddress());
              assertThat(r.txHash()).isNull();
            });
  }

  @Test
  void replayOfTheSameRequestIsRejectedForItsNonce() {
    Relayer relayer = relayer(policy(10));
    SignedRequest s = increment(alice);
    assertThat(relayer.relay(s)).isInstanceOf(RelayOutcome.Mined.class);
    BigInteger relayerBefore = chain.etherBalance(relayerWallet.address());

    RelayOutcome again = relayer.relay(s);

    assertThat(again)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.NONCE));
    assertThat(counter.count(alice.getAddress())).isEqualTo(BigInteger.ONE);
    assertThat(chain.etherBalance(relayerWallet.address())).isEqualTo(relayerBefore);
  }

  @Test
  void expiredRequestIsRejected() {
    ForwardRequest r =
        new ForwardRequest(
            alice.getAddress(),
            counter.address(),
            BigInteger.ZERO,
            REQUEST_GAS,
            BigInteger.ZERO,
            Instant.now().minus(Duration.ofHours(1)).getEpochSecond(),
            GaslessCounterContract.INCREMENT);
    SignedRequest s = Eip712Signer.sign(forwarder.domain(), r, alice);

    RelayOutcome outcome = relayer(policy(10)).relay(s);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class, x -> assertThat(x.reason()).isEqualTo(Reason.EXPIRED));
    assertThat(forwarder.verify(s)).as("the forwarder refuses it too").isFalse();
  }

  @Test
  void tamperedFieldBreaksTheSignature() {
    SignedRequest s = increment(alice);
    ForwardRequest r = s.request();
    SignedRequest moreGas =
        new SignedRequest(
            s.domain(),
            new ForwardRequest(
                r.from(),
                r.to(),
                r.value(),
                r.gas().add(BigInteger.ONE),
                r.nonce(),
                r.deadline(),
                r.data()),
            s.signature());
    SignedRequest asBob =
        new SignedRequest(
            s.domain(),
            new ForwardRequest(
                bob.getAddress(), r.to(), r.value(), r.gas(), r.nonce(), r.deadline(), r.data()),
            s.signature());
    Relayer relayer = relayer(policy(10));

    for (SignedRequest tampered : List.of(moreGas, asBob)) {
      assertThat(relayer.relay(tampered))
          .isInstanceOfSatisfying(
              RelayOutcome.Rejected.class,
              x -> assertThat(x.reason()).isEqualTo(Reason.BAD_SIGNATURE));
      assertThat(forwarder.verify(tampered)).isFalse();
    }
    assertThat(counter.count(alice.getAddress())).isZero();
    assertThat(counter.count(bob.getAddress())).isZero();
  }

  @Test
  void targetNotOnTheAllowListIsRejectedWithoutSpendingGas() {
    BigInteger relayerBefore = chain.etherBalance(relayerWallet.address());
    BigInteger nonceBefore = chain.pendingNonce(relayerWallet.address());
    SignedRequest s =
        sign(alice, otherCounter.address(), GaslessCounterContract.INCREMENT, BigInteger.ZERO);
    assertThat(forwarder.verify(s)).as("valid for the forwarder, only not allowed").isTrue();

    RelayOutcome outcome = relayer(policy(10)).relay(s);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            x -> assertThat(x.reason()).isEqualTo(Reason.TARGET_NOT_ALLOWED));
    assertThat(chain.etherBalance(relayerWallet.address())).isEqualTo(relayerBefore);
    assertThat(chain.pendingNonce(relayerWallet.address())).isEqualTo(nonceBefore);
    assertThat(otherCounter.count(alice.getAddress())).isZero();
  }

  @Test
  void requestThatWouldRevertIsCaughtBySimulation() {
    BigInteger relayerBefore = chain.etherBalance(relayerWallet.address());
    SignedRequest s = sign(alice, counter.address(), GaslessCounterContract.FAIL, BigInteger.ZERO);

    RelayOutcome outcome = relayer(policy(10)).relay(s);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            x -> {
              assertThat(x.reason()).isEqualTo(Reason.SIMULATION_FAILED);
              assertThat(x.detail()).contains("Refused").contains(alice.getAddress());
            });
    assertThat(chain.etherBalance(relayerWallet.address())).isEqualTo(relayerBefore);
    assertThat(forwarder.nonce(alice.getAddress())).isZero();
  }

  @Test
  void perSignerQuotaIsEnforced() {
    Relayer relayer = relayer(policy(2));
    assertThat(relayer.relay(increment(alice))).isInstanceOf(RelayOutcome.Mined.class);
    assertThat(relayer.relay(increment(alice))).isInstanceOf(RelayOutcome.Mined.class);
    BigInteger relayerBefore = chain.etherBalance(relayerWallet.address());

    RelayOutcome third = relayer.relay(increment(alice));

    assertThat(third)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            x -> assertThat(x.reason()).isEqualTo(Reason.SIGNER_QUOTA));
    assertThat(chain.etherBalance(relayerWallet.address())).isEqualTo(relayerBefore);
    assertThat(counter.count(alice.getAddress())).isEqualTo(BigInteger.TWO);
    assertThat(relayer.relay(increment(bob)))
        .as("other signers keep their own quota")
        .isInstanceOf(RelayOutcome.Mined.class);
  }

  @Test
  void dailySpendingLimitIsEnforced() {
    RelayPolicy p = policy(10);
    // room for the worst case of one request (reserved before sending), not for a second one
    BigInteger worst = worstCaseOfOneRequest();
    Relayer relayer =
        relayer(
            new RelayPolicy(
                p.allowedTargets(),
                p.maxRequestGas(),
                p.maxWeiPerRequest(),
                p.maxWeiPerSignerPerDay(),
                worst.add(worst.divide(BigInteger.valueOf(100))),
                p.maxRequestsPerSignerPerDay(),
                p.minValidity()));
    RelayOutcome first = relayer.relay(increment(alice));
    assertThat(first).isInstanceOf(RelayOutcome.Mined.class);
    BigInteger relayerBefore = chain.etherBalance(relayerWallet.address());

    RelayOutcome second = relayer.relay(increment(bob));

    assertThat(second)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            x -> assertThat(x.reason()).isEqualTo(Reason.DAILY_SPEND_LIMIT));
    assertThat(counter.count(bob.getAddress())).isZero();
    assertThat(chain.etherBalance(relayerWallet.address())).isEqualTo(relayerBefore);
    assertThat(relayer.ledger().spentToday()).isEqualTo(((RelayOutcome.Mined) first).costWei());
  }

  /** Worst case the relayer reserves for one increment: gas limit × max fee, measured. */
  private BigInteger worstCaseOfOneRequest() {
    SignedRequest s = increment(alice);
    String data = GaslessForwarder.executeCalldata(s);
    BigInteger estimate =
        new BigInteger(
            ((dev.arb.defi.chain.CallResult.Success)
                    chain.estimateGas(
                        relayerWallet.address(),
                        forwarder.address(),
                        data,
                        GaslessForwarder.decoder()))
                .data());
    return Relayer.gasLimit(estimate)
        .multiply(FeeHistoryGasOracle.local().quote(chain).maxFeePerGas());
  }

  @Test
  void batchOfRequestsIsExecutedInOneTransaction() {
    BigInteger relayerNonce = chain.pendingNonce(relayerWallet.address());
    BigInteger aliceNonce = forwarder.nonce(alice.getAddress());
    List<SignedRequest> batch =
        List.of(
            increment(alice),
            sign(
                alice,
                counter.address(),
                GaslessCounterContract.INCREMENT,
                aliceNonce.add(BigInteger.ONE)),
            increment(bob),
            sign(bob, otherCounter.address(), GaslessCounterContract.INCREMENT, BigInteger.ONE));

    List<RelayOutcome> outcomes = relayer(policy(10)).relayBatch(batch);

    assertThat(outcomes).hasSize(4);
    assertThat(outcomes.subList(0, 3))
        .allSatisfy(o -> assertThat(o).isInstanceOf(RelayOutcome.Mined.class));
    assertThat(outcomes.get(3))
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            x -> assertThat(x.reason()).isEqualTo(Reason.TARGET_NOT_ALLOWED));
    String tx = ((RelayOutcome.Mined) outcomes.get(0)).txHash();
    assertThat(outcomes.subList(0, 3))
        .allSatisfy(o -> assertThat(((RelayOutcome.Mined) o).txHash()).isEqualTo(tx));
    assertThat(chain.pendingNonce(relayerWallet.address()))
        .as("one transaction")
        .isEqualTo(relayerNonce.add(BigInteger.ONE));
    assertThat(counter.count(alice.getAddress())).isEqualTo(BigInteger.TWO);
    assertThat(counter.count(bob.getAddress())).isEqualTo(BigInteger.ONE);
    assertThat(forwarder.nonce(alice.getAddress())).isEqualTo(BigInteger.TWO);
  }

  @Test
  void anAddressWithoutAForwarderIsAChainErrorNamingIt() {
    GaslessForwarder none = new GaslessForwarder(chain, alice.getAddress());

    org.assertj.core.api.Assertions.assertThatThrownBy(none::domain)
        .isInstanceOf(dev.arb.error.ChainException.class)
        .hasMessageContaining("no GaslessTransactionRelayer at " + alice.getAddress());
  }

  @Test
  void functionOffTheSelectorAllowListIsRejectedBeforeSimulation() {
    RelayPolicy p = policy(10);
    Relayer relayer =
        relayer(
            new RelayPolicy(
                Set.of(counter.address() + ":" + GaslessCounterContract.INCREMENT),
                p.maxRequestGas(),
                p.maxWeiPerRequest(),
                p.maxWeiPerSignerPerDay(),
                p.maxWeiPerDay(),
                p.maxRequestsPerSignerPerDay(),
                p.minValidity()));
    SignedRequest fail =
        sign(alice, counter.address(), GaslessCounterContract.FAIL, BigInteger.ZERO);

    RelayOutcome refused = relayer.relay(fail);

    assertThat(refused)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            x -> {
              assertThat(x.reason()).isEqualTo(Reason.TARGET_NOT_ALLOWED);
              assertThat(x.detail()).startsWith("function " + GaslessCounterContract.FAIL);
            });
    assertThat(relayer.relay(increment(alice))).isInstanceOf(RelayOutcome.Mined.class);
  }
}
