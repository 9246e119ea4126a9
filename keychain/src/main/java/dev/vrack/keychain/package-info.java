/**
 * The key chain: sealed file formats and their cryptography (seed 000, FIG. 13-26).
 *
 * <p>Files: authority private key {@code VRAUTHK} (scrypt + AES-256-GCM), authority public key (text,
 * {@link dev.vrack.keychain.AuthorityPublicKeyFile}), hardware key image {@code VRHWKEY} (signed; key-specific key
 * wrapped under the emulated dongle's device key), application encryption key {@code VRAPPK} (signed), execution
 * license {@code VRLIC} (AES-256-GCM under the key-specific key, then signed), encrypted application bundle
 * {@code VRAPPB} (X25519 + HKDF-SHA256 + AES-256-GCM, whole-file tag). Every file is a
 * {@link dev.vrack.keychain.SealedFile}; every refusal is a {@link dev.vrack.keychain.SealedFormatException}
 * naming the file and the reason. HKDF, scrypt, X25519 and Ed25519 (signing and verification; see
 * {@code Ed25519#verify} for why not the JDK's) come from BouncyCastle; AES-GCM encrypts through the JDK and
 * decrypts through BouncyCastle, the faster of the two as measured (benchmarks/results/keychain.md).
 */
package dev.vrack.keychain;
