/**
 * Signing keys at rest: encrypted web3j wallet files (Ethereum keystore v3) and the password
 * sources that unlock them (an environment variable or a private file). No plain private key is
 * ever written, logged or put in an error message.
 */
package dev.arb.defi.keystore;
