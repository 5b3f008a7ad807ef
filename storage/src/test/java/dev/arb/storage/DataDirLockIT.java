package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.error.DataDirInUseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory's lock within one process (other processes: the CLI's DataDirLockIT): held
 * once, naming the holder's PID in its file, and free again once closed.
 */
class DataDirLockIT {
  @TempDir Path dir;

  @Test
  void isHeldOnceWritesThePidAndIsFreeAgainWhenClosed() throws Exception {
    Path data = dir.resolve("data");
    long pid = ProcessHandle.current().pid();
    try (DataDirLock lock = DataDirLock.acquire(data)) {
      Path file = data.resolve("arb.lock");
      assertThat(Files.readString(file).trim()).isEqualTo(Long.toString(pid));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
          .isEqualTo("rwx------");
      assertThat(DataDirLock.heldHere(data)).isTrue();

      assertThatThrownBy(() -> DataDirLock.acquire(dir.resolve("data/../data")))
          .isInstanceOf(DataDirInUseException.class)
          .hasMessageContaining("pid " + pid)
          .hasMessageContaining(data.toString())
          .hasMessageEndingWith("stop it first, or use another --data-dir")
          .satisfies(e -> assertThat(((DataDirInUseException) e).pid()).hasValue(pid));
      assertThat(DataDirLock.heldHere(data)).as("the refused claim dropped nothing").isTrue();
      lock.close();
      lock.close();
      assertThat(DataDirLock.heldHere(data)).isFalse();
    }
    try (DataDirLock again = DataDirLock.acquire(data)) {
      assertThat(again.dir()).isEqualTo(data.toAbsolutePath());
    }
  }

  @Test
  void aStoreOpenedWithoutTheLockCannotSweepAndOneWithItCan() {
    Path data = dir.resolve("data");
    try (SqliteRecordStore reader = SqliteRecordStore.open(TestConfigs.withDataDir(data))) {
      assertThatThrownBy(() -> reader.opportunities().failExecuting("interrupted by restart"))
          .hasMessageContaining("only the process holding the data directory");
    }
    try (DataDirLock lock = DataDirLock.acquire(data);
        SqliteRecordStore holder = SqliteRecordStore.open(TestConfigs.withDataDir(data), lock)) {
      assertThat(holder.opportunities().failExecuting("interrupted by restart")).isZero();
    }
  }
}
