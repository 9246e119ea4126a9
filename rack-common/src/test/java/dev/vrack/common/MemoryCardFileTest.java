package dev.vrack.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCardFileTest {

    @TempDir
    Path dir;

    private static MemoryCard appCard() {
        byte[] bundle = new byte[4096];
        System.arraycopy("VRAPPB".getBytes(StandardCharsets.US_ASCII), 0, bundle, 0, 6);
        Arrays.fill(bundle, 6, bundle.length, (byte) 0x5a);
        return MemoryCard.newBuilder().setCardId("CARD-0A1B2C").setKind("app").setApplicationId("www")
                .addSystemPrograms("os").addSystemPrograms("dhcp-client").addSystemPrograms("license-agent")
                .setApplicationBundle(ByteString.copyFrom(bundle)).setWrittenEpochMs(1_700_000_000_000L).build();
    }

    @Test
    void versionTwoRoundTripsWithTheBundleAndLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("www.card");
        MemoryCardFile.write(file, appCard());
        assertThat(MemoryCardFile.read(file)).isEqualTo(appCard());
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Short.toUnsignedInt(ByteBuffer.wrap(bytes, 6, 2).getShort())).isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void versionOneCardsStillRead() throws Exception {
        MemoryCard old = MemoryCard.newBuilder().setCardId("CARD-OLD").setKind("app").setApplicationId("www")
                .addSystemPrograms("os").setLabel("application www").build();
        byte[] payload = old.toByteArray();
        ByteBuffer v1 = ByteBuffer.allocate(12 + payload.length);
        v1.put("VRCARD".getBytes(StandardCharsets.US_ASCII)).putShort((short) 1).putInt(payload.length).put(payload);
        Path file = dir.resolve("old.card");
        Files.write(file, v1.array());
        assertThat(MemoryCardFile.read(file)).isEqualTo(old);
    }

    @Test
    void everyFlippedByteIsRefusedWithTheFileName() throws Exception {
        MemoryCard card = MemoryCard.newBuilder().setCardId("CARD-1").setKind("app").setApplicationId("primes")
                .addSystemPrograms("os").build();
        Path file = dir.resolve("flip.card");
        MemoryCardFile.write(file, card);
        byte[] original = Files.readAllBytes(file);
        for (int i = 0; i < original.length; i++) {
            byte[] copy = original.clone();
            copy[i] ^= 0x41;
            try {
                MemoryCardFile.parse(copy, file.toString());
                fail("a card with byte " + i + " of " + original.length + " flipped was accepted");
            } catch (IOException expected) {
                assertThat(expected).hasMessageStartingWith("memory card " + file);
            }
        }
    }

    @Test
    void truncatedUnknownVersionAndOversizedCardsAreRefused() throws Exception {
        Path file = dir.resolve("www.card");
        MemoryCardFile.write(file, appCard());
        byte[] bytes = Files.readAllBytes(file);

        Path truncated = dir.resolve("truncated.card");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> MemoryCardFile.read(truncated)).hasMessageContaining(truncated.toString())
                .hasMessageContaining("is truncated or padded");
        Path tiny = dir.resolve("tiny.card");
        Files.write(tiny, Arrays.copyOf(bytes, 5));
        assertThatThrownBy(() -> MemoryCardFile.read(tiny)).hasMessageContaining("is truncated (5 bytes");

        byte[] future = bytes.clone();
        future[7] = 3;
        Path newer = dir.resolve("newer.card");
        Files.write(newer, future);
        assertThatThrownBy(() -> MemoryCardFile.read(newer)).hasMessageContaining(newer + " has format version 3")
                .hasMessageContaining("reads versions 1 to 2");

        Path huge = dir.resolve("huge.card");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(MemoryCardFile.MAX_PAYLOAD + 1024L);
        }
        assertThatThrownBy(() -> MemoryCardFile.read(huge)).hasMessageContaining(huge.toString())
                .hasMessageContaining("larger than any card image");
        assertThatThrownBy(() -> MemoryCardFile.read(dir.resolve("absent.card"))).hasMessageContaining("does not exist");
    }

    @Test
    void aBundleMustBeAnEncryptedBundleOnAnAppCard() {
        MemoryCard notABundle = appCard().toBuilder().setApplicationBundle(ByteString.copyFromUtf8("plain jar")).build();
        assertThatThrownBy(() -> MemoryCardFile.write(dir.resolve("x.card"), notABundle))
                .hasMessageContaining("not an encrypted bundle");
        MemoryCard management = appCard().toBuilder().setKind("management").build();
        assertThatThrownBy(() -> MemoryCardFile.write(dir.resolve("m.card"), management))
                .hasMessageContaining("management card but carries an application bundle");
    }
}
