package dev.arb.defi;

import org.web3j.crypto.Credentials;

/**
 * anvil's first dev accounts (from its public default mnemonic "test test ... junk"). These keys
 * are published everywhere and hold value on no real chain; they are allowed in tests only.
 */
public final class DevAccounts {
  public static final Credentials OWNER =
      Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  public static final Credentials EXECUTOR =
      Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  public static final Credentials STRANGER =
      Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

  private DevAccounts() {}
}
