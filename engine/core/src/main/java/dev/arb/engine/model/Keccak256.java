package dev.arb.engine.model;

/**
 * Keccak-256 as Ethereum uses it (the Keccak submission's padding, not NIST SHA3-256's), written
 * from the Keccak-f[1600] permutation of FIPS 202: the round constants and rotation offsets are
 * generated from the specification's definitions. Used for EIP-55 address checksums only.
 */
final class Keccak256 {
  private static final int RATE = 136;
  private static final long[] ROUND_CONSTANTS = new long[24];
  // rotation offset of lane x + 5y
  private static final int[] ROTATION = new int[25];

  static {
    int lfsr = 1;
    for (int round = 0; round < 24; round++) {
      long rc = 0;
      for (int j = 0; j < 7; j++) {
        if ((lfsr & 1) != 0) {
          rc ^= 1L << ((1 << j) - 1);
        }
        lfsr = (lfsr & 0x80) != 0 ? ((lfsr << 1) ^ 0x71) & 0xff : (lfsr << 1) & 0xff;
      }
      ROUND_CONSTANTS[round] = rc;
    }
    int x = 1;
    int y = 0;
    for (int t = 0; t < 24; t++) {
      ROTATION[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
      int nx = y;
      y = (2 * x + 3 * y) % 5;
      x = nx;
    }
  }

  private Keccak256() {}

  /** The 32-byte Keccak-256 digest of {@code input}. */
  static byte[] hash(byte[] input) {
    long[] a = new long[25];
    int blocks = input.length / RATE + 1;
    byte[] padded = new byte[blocks * RATE];
    System.arraycopy(input, 0, padded, 0, input.length);
    padded[input.length] ^= 0x01;
    padded[padded.length - 1] ^= (byte) 0x80;
    for (int b = 0; b < blocks; b++) {
      for (int i = 0; i < RATE / 8; i++) {
        a[i] ^= littleEndian(padded, b * RATE + i * 8);
      }
      permute(a);
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (a[i / 8] >>> (8 * (i % 8)));
    }
    return out;
  }

  private static long littleEndian(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xffL);
    }
    return v;
  }

  private static void permute(long[] a) {
    long[] c = new long[5];
    long[] b = new long[25];
    for (int round = 0; round < 24; round++) {
      // theta
      for (int x = 0; x < 5; x++) {
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
      }
      for (int x = 0; x < 5; x++) {
        long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
        for (int y = 0; y < 25; y += 5) {
          a[x + y] ^= d;
        }
      }
      // rho and pi: B[y, 2x + 3y] = rot(A[x, y], r[x, y])
      for (int x = 0; x < 5; x++) {
        for (int y = 0; y < 5; y++) {
          b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[x + 5 * y], ROTATION[x + 5 * y]);
        }
      }
      // chi
      for (int x = 0; x < 5; x++) {
        for (int y = 0; y < 25; y += 5) {
          a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
        }
      }
      // iota
      a[0] ^= ROUND_CONSTANTS[round];
    }
  }
}
