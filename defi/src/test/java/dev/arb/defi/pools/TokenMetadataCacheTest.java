package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenMetadataCacheTest {
  private static final String MKR = "0x9f8F72aA9304c8B593d555F12eF6589cC3A579A2";
  private static final String GENESIS =
      "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3";

  @TempDir Path dir;

  @Test
  void keepsEntriesForTheSameChainAcrossRuns() {
    Path f = dir.resolve("chains/ethereum-tokens.json");
    TokenMetadataCache c = TokenMetadataCache.at(f);
    c.bind(1, GENESIS);
    c.put(MKR, new TokenMetadataCache.Entry("MKR", 18, Optional.of("symbol() returns bytes32")));
    c.save();

    TokenMetadataCache again = TokenMetadataCache.at(f);
    again.bind(1, GENESIS.toUpperCase().replace("0X", "0x"));
    assertThat(again.get(MKR.toLowerCase()))
        .contains(new TokenMetadataCache.Entry("MKR", 18, Optional.of("symbol() returns bytes32")));
    assertThat(again.size()).isEqualTo(1);
  }

  @Test
  void theCacheFileAndTheDirectoriesItCreatesAreTheOwnersOnly() throws IOException {
    Path f = dir.resolve("data/chains/ethereum-tokens.json");
    TokenMetadataCache c = TokenMetadataCache.at(f);
    c.bind(1, GENESIS);
    c.put(MKR, new TokenMetadataCache.Entry("MKR", 18, Optional.empty()));
    c.save();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
        .isEqualTo("rwx------");
  }

  @Test
  void dropsEntriesOfAnotherChainOrGenesis() {
    Path f = dir.resolve("local-tokens.json");
    TokenMetadataCache c = TokenMetadataCache.at(f);
    c.bind(31337, GENESIS);
    c.put(MKR, new TokenMetadataCache.Entry("MKR", 18, Optional.empty()));
    c.save();

    TokenMetadataCache restarted = TokenMetadataCache.at(f);
    restarted.bind(31337, "0x01");
    assertThat(restarted.get(MKR)).isEmpty();
    TokenMetadataCache other = TokenMetadataCache.at(f);
    other.bind(1, GENESIS);
    assertThat(other.get(MKR)).isEmpty();
  }

  @Test
  void aBrokenFileIsIgnoredAndReplaced() throws IOException {
    Path f = dir.resolve("broken.json");
    Files.writeString(f, "{ not json");
    TokenMetadataCache c = TokenMetadataCache.at(f);
    c.bind(1, GENESIS);
    assertThat(c.size()).isZero();
    c.put(MKR, new TokenMetadataCache.Entry("MKR", 18, Optional.empty()));
    c.save();
    assertThat(Files.readString(f)).contains("\"chain_id\" : 1").contains("\"symbol\" : \"MKR\"");
  }

  @Test
  void anInMemoryCacheWritesNothing() {
    TokenMetadataCache c = TokenMetadataCache.inMemory();
    c.bind(1, GENESIS);
    c.put(MKR, new TokenMetadataCache.Entry("MKR", 18, Optional.empty()));
    c.save();
    assertThat(c.get(MKR)).isPresent();
    assertThat(dir.toFile().list()).isEmpty();
  }
}
