package dev.vrack.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedFileTest {

    private static final AuthorityKeys AUTHORITY = AuthorityKeys.generate();
    private final byte[] payload = "some payload".getBytes();
    private final byte[] file = SealedFile.signed(SealedFileType.EXECUTION_LICENSE, payload, AUTHORITY);

    @Test
    void roundTripVerifiesAndReturnsThePayload() throws Exception {
        SealedFile sealed = SealedFile.parse(SealedFileType.EXECUTION_LICENSE, file, "license.lic");
        sealed.verifySignature(AUTHORITY.publicKey());
        assertThat(sealed.payload()).isEqualTo(payload);
        assertThat(Arrays.copyOf(file, 5)).isEqualTo("VRLIC".getBytes());
    }

    @Test
    void everyFlippedByteIsRefused() throws Exception {
        int refused = Tampering.expectEveryFlipRefused(file, 1, bytes ->
                SealedFile.parse(SealedFileType.EXECUTION_LICENSE, bytes, "license.lic").verifySignature(AUTHORITY.publicKey()));
        assertThat(refused).isEqualTo(file.length);
    }

    @Test
    void modifiedPayloadNamesTheFileAndTheReason() {
        byte[] copy = file.clone();
        copy[13] ^= 1; // inside the payload
        assertThatThrownBy(() -> SealedFile.parse(SealedFileType.EXECUTION_LICENSE, copy, "license.lic")
                .verifySignature(AUTHORITY.publicKey()))
                .isInstanceOf(SealedFormatException.class)
                .hasMessage("license.lic: signature does not verify: the file was modified or was signed by another authority");
    }

    @Test
    void signedByAnotherAuthorityNamesBothKeyIds() {
        AuthorityKeys other = AuthorityKeys.generate();
        assertThatThrownBy(() -> SealedFile.parse(SealedFileType.EXECUTION_LICENSE, file, "license.lic")
                .verifySignature(other.publicKey()))
                .isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("license.lic: signature does not verify")
                .hasMessageContaining(AUTHORITY.keyId())
                .hasMessageContaining(other.keyId());
    }

    @Test
    void anotherAuthoritySigningUnderOurKeyIdStillFails() {
        // An attacker can copy our key ID into the trailer; the signature itself must still fail.
        AuthorityKeys other = AuthorityKeys.generate();
        byte[] forged = SealedFile.signed(SealedFileType.EXECUTION_LICENSE, payload, other);
        int keyIdOffset = forged.length - 64 - 8;
        System.arraycopy(java.util.HexFormat.of().parseHex(AUTHORITY.keyId()), 0, forged, keyIdOffset, 8);
        assertThatThrownBy(() -> SealedFile.parse(SealedFileType.EXECUTION_LICENSE, forged, "f")
                .verifySignature(AUTHORITY.publicKey()))
                .hasMessageContaining("signature does not verify: the file was modified");
    }

    @Test
    void unknownVersionIsRefused() {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).putShort(5, (short) 2);
        assertThatThrownBy(() -> SealedFile.parse(SealedFileType.EXECUTION_LICENSE, copy, "license.lic"))
                .isInstanceOf(SealedFormatException.class)
                .hasMessageContaining("license.lic: format version 2 is not supported");
    }

    @Test
    void everyTruncationIsRefused() {
        for (int length = 0; length < file.length; length++) {
            byte[] truncated = Arrays.copyOf(file, length);
            assertThatThrownBy(() -> SealedFile.parse(SealedFileType.EXECUTION_LICENSE, truncated, "license.lic"))
                    .isInstanceOf(SealedFormatException.class)
                    .hasMessageStartingWith("license.lic: ");
        }
        assertThatThrownBy(() -> SealedFile.parse(SealedFileType.EXECUTION_LICENSE, Arrays.copyOf(file, file.length - 1), "l"))
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] longer = Arrays.copyOf(file, file.length + 3);
        assertThatThrownBy(() -> SealedFile.parse(SealedFileType.EXECUTION_LICENSE, longer, "license.lic"))
                .hasMessageContaining("license.lic: has 3 trailing bytes");
    }

    @Test
    void announcedPayloadOverTheLimitIsRefusedBeforeAnyAllocation() {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).putInt(7, Integer.MAX_VALUE);
        assertThatThrownBy(() -> SealedFile.parse(SealedFileType.EXECUTION_LICENSE, copy, "license.lic"))
                .hasMessageContaining("more than the 65536 allowed");
    }

    @Test
    void anotherKindOfFileIsNamed() {
        byte[] key = SealedFile.signed(SealedFileType.HARDWARE_KEY, payload, AUTHORITY);
        assertThatThrownBy(() -> SealedFile.parse(SealedFileType.EXECUTION_LICENSE, key, "license.lic"))
                .hasMessage("license.lic: is a hardware key image (magic VRHWKEY), not an execution license (magic VRLIC)");
    }

    @Test
    void oversizedFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.lic");
        Files.write(big, new byte[(int) SealedFileType.EXECUTION_LICENSE.maxFileSize() + 1]);
        assertThatThrownBy(() -> SealedFile.read(big, SealedFileType.EXECUTION_LICENSE))
                .hasMessageContaining("larger than any execution license");
        assertThatThrownBy(() -> SealedFile.read(dir.resolve("missing.lic"), SealedFileType.EXECUTION_LICENSE))
                .hasMessageContaining("missing.lic: does not exist");
    }
}
