package dev.vrack.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * A quick comparison (not a JMH benchmark) of bulk AES-256-GCM decryption by the JDK and by BouncyCastle's
 * lightweight API, on the size of a large application file. Asserts they agree; prints MB/s to the test output.
 */
class AesGcmThroughputTest {

    private static final int SIZE = 8 * 1024 * 1024;
    private static final int ROUNDS = 4;

    @Test
    void jdkAndBouncyCastleDecryptTheSameAndHowFast() throws Exception {
        byte[] key = Aead.random(32);
        byte[] nonce = Aead.randomNonce();
        byte[] aad = "aad".getBytes();
        byte[] plaintext = Aead.random(SIZE);
        byte[] ciphertext = Aead.encrypt(key, nonce, plaintext, aad);

        assertThat(bouncyCastle(key, nonce, ciphertext, aad)).isEqualTo(plaintext);
        assertThat(Aead.decrypt(key, nonce, ciphertext, aad)).isEqualTo(plaintext);

        long jdk = Long.MAX_VALUE;
        long bc = Long.MAX_VALUE;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            Aead.decrypt(key, nonce, ciphertext, aad);
            jdk = Math.min(jdk, System.nanoTime() - start);
            start = System.nanoTime();
            bouncyCastle(key, nonce, ciphertext, aad);
            bc = Math.min(bc, System.nanoTime() - start);
        }
        System.out.printf("AES-256-GCM decrypt of %d MiB, best of %d: JDK %.0f MB/s, BouncyCastle %.0f MB/s%n",
                SIZE >> 20, ROUNDS, SIZE / (jdk / 1e9) / 1e6, SIZE / (bc / 1e9) / 1e6);
    }

    private static byte[] bouncyCastle(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) throws Exception {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[gcm.getOutputSize(ciphertext.length)];
        int length = gcm.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        gcm.doFinal(out, length);
        return out;
    }
}
