package dev.vrack.vendor;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.common.MemoryCardFile;
import dev.vrack.keychain.SealedFile;
import dev.vrack.keychain.SealedFileType;
import dev.vrack.proto.card.MemoryCard;
import dev.vrack.proto.keychain.ApplicationBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The licensing software writing section (FIG. 21, 630): the encrypted application and the system programs on a card. */
final class CardWriter {

    /** The system programs of an application card (FIG. 21, 603): OS, DHCP client, license management agent. */
    static final List<String> APP_SYSTEM_PROGRAMS = List.of("os", "dhcp-client", "license-agent");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    CardWriter(Clock clock) {
        this.clock = clock;
    }

    MemoryCard write(String applicationId, Path bundle, Path cardOut) throws IOException {
        if (applicationId == null || applicationId.isBlank()) {
            throw new VendorException("the application ID is empty: give the ID the authority registered (--app ID)");
        }
        // Only the container is checked here: its tag needs the decryption key, which the provider never holds.
        SealedFile sealed = SealedFile.read(bundle, SealedFileType.APPLICATION_BUNDLE);
        String carried;
        try {
            carried = ApplicationBundle.parseFrom(sealed.payload()).getApplicationId();
        } catch (InvalidProtocolBufferException e) {
            throw new VendorException(bundle + ": corrupt encrypted bundle (" + e.getMessage() + "): encrypt the application again", e);
        }
        if (!carried.equals(applicationId)) {
            throw new VendorException(bundle + " carries application '" + carried + "', not '" + applicationId
                    + "': give --app " + carried + " or the bundle of " + applicationId);
        }
        MemoryCard card = MemoryCard.newBuilder()
                .setCardId(newCardId())
                .setKind("app")
                .setApplicationId(applicationId)
                .addAllSystemPrograms(APP_SYSTEM_PROGRAMS)
                .setLabel("application " + applicationId)
                .setApplicationBundle(ByteString.copyFrom(Files.readAllBytes(bundle)))
                .setWrittenEpochMs(clock.millis())
                .build();
        MemoryCardFile.write(cardOut, card);
        return card;
    }

    /** A fresh random card ID: the card's read-only ID region is written once, here. */
    static String newCardId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "CARD-" + HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT);
    }
}
