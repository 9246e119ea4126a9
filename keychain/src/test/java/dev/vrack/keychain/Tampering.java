package dev.vrack.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.HexFormat;

/** Test helper: flips bytes of a sealed file and insists every variant is refused. */
final class Tampering {

    /** Something that opens bytes and throws SealedFormatException on refusal. */
    interface Opener {
        void open(byte[] bytes) throws Exception;
    }

    private Tampering() {
    }

    /** Flips each byte position in turn (every position, or every step-th) and expects a SealedFormatException. */
    static int expectEveryFlipRefused(byte[] original, int step, Opener opener) throws Exception {
        int refused = 0;
        for (int i = 0; i < original.length; i += step) {
            byte[] copy = original.clone();
            copy[i] ^= (byte) 0x41;
            try {
                opener.open(copy);
                fail("a copy with byte " + i + " of " + original.length + " flipped was accepted");
            } catch (SealedFormatException expected) {
                refused++;
            }
        }
        return refused;
    }

    /** Asserts a text does not contain a key in hex (either case) or Base64. */
    static void assertNoKey(String text, byte[] key) {
        assertThat(text)
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(key))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(key));
    }
}
