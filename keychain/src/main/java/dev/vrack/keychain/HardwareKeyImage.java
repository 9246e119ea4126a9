package dev.vrack.keychain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.proto.keychain.HardwareKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The hardware key image (FIG. 13): key ID, chassis ID and the key-specific key, signed by the authority.
 * The key-specific key is stored encrypted under the dongle's device key (see {@link DongleSecret}).
 */
public final class HardwareKeyImage {

    private static final int SALT_LENGTH = 16;

    private HardwareKeyImage() {
    }

    /** Issues a key for a chassis (FIG. 20, steps S51 to S53) and writes its image; returns the authority's record. */
    public static IssuedHardwareKey issue(AuthorityKeys authority, String chassisId, DongleSecret dongle, Path out)
            throws IOException {
        return issue(authority, chassisId, dongle, out, Clock.systemUTC());
    }

    /** As {@link #issue(AuthorityKeys, String, DongleSecret, Path)}, with the issue time taken from a clock. */
    public static IssuedHardwareKey issue(AuthorityKeys authority, String chassisId, DongleSecret dongle, Path out,
            Clock clock) throws IOException {
        IssuedHardwareKey issued = new IssuedHardwareKey(newKeyId(), Identifiers.require("chassis ID", chassisId),
                KeySpecificKey.generate());
        SecureFiles.writeAtomically(out, seal(authority, issued, dongle, clock), false);
        return issued;
    }

    /** The sealed bytes of an image for an already generated key. */
    static byte[] seal(AuthorityKeys authority, IssuedHardwareKey issued, DongleSecret dongle, Clock clock) {
        byte[] salt = Aead.random(SALT_LENGTH);
        byte[] nonce = Aead.randomNonce();
        byte[] deviceKey = dongle.deviceKey(salt, issued.keyId());
        byte[] wrapped;
        try {
            wrapped = Aead.encrypt(deviceKey, nonce, issued.keySpecificKey().bytes(), aad(issued.keyId(), issued.chassisId()));
        } finally {
            java.util.Arrays.fill(deviceKey, (byte) 0);
        }
        HardwareKey payload = HardwareKey.newBuilder()
                .setKeyId(issued.keyId())
                .setChassisId(issued.chassisId())
                .setIssuedEpochMs(clock.millis())
                .setDeviceSalt(ByteString.copyFrom(salt))
                .setNonce(ByteString.copyFrom(nonce))
                .setWrappedKey(ByteString.copyFrom(wrapped))
                .build();
        return SealedFile.signed(SealedFileType.HARDWARE_KEY, payload.toByteArray(), authority);
    }

    /** Reads the public part of an image after checking the authority's signature; needs no secret. */
    public static HardwareKeyInfo readPublic(Path image, PublicKey authority) throws SealedFormatException {
        HardwareKey key = readVerified(SealedFile.read(image, SealedFileType.HARDWARE_KEY), authority);
        return new HardwareKeyInfo(key.getKeyId(), key.getChassisId());
    }

    /** As {@link #readPublic(Path, PublicKey)} for bytes already in memory; name is used in error messages. */
    public static HardwareKeyInfo readPublic(byte[] image, String name, PublicKey authority) throws SealedFormatException {
        HardwareKey key = readVerified(SealedFile.parse(SealedFileType.HARDWARE_KEY, image, name), authority);
        return new HardwareKeyInfo(key.getKeyId(), key.getChassisId());
    }

    static HardwareKey readVerified(SealedFile sealed, PublicKey authority) throws SealedFormatException {
        sealed.verifySignature(authority);
        try {
            HardwareKey key = HardwareKey.parseFrom(sealed.payload());
            if (key.getKeyId().isEmpty() || key.getChassisId().isEmpty() || key.getDeviceSalt().size() != SALT_LENGTH
                    || key.getNonce().size() != Aead.NONCE_LENGTH || key.getWrappedKey().size() != Aead.KEY_LENGTH + 16) {
                throw new SealedFormatException(sealed.name(), "hardware key image is incomplete (signed, but missing fields): reissue it");
            }
            return key;
        } catch (InvalidProtocolBufferException e) {
            throw new SealedFormatException(sealed.name(), "corrupt payload in a signed hardware key image: reissue it", e);
        }
    }

    /** Associated data of the wrapped key: binds it to this key ID and chassis ID. */
    static byte[] aad(String keyId, String chassisId) {
        return Labels.of("vrack/hardware-key/v1").field(keyId).field(chassisId).bytes();
    }

    /** A unique key ID (FIG. 20, S51): "KEY-" and 64 random bits, so independent issuers do not collide. */
    private static String newKeyId() {
        return "KEY-" + HexFormat.of().formatHex(Aead.random(8)).toUpperCase(Locale.ROOT);
    }
}
