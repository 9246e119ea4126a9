package dev.vrack.keychain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds unambiguous associated data and HKDF info strings: a domain label, then length-prefixed fields. */
final class Labels {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Labels(String domain) {
        field(domain.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts with a domain label such as "vrack/license/v1", so bytes bound for one purpose never fit another. */
    static Labels of(String domain) {
        return new Labels(domain);
    }

    Labels field(String value) {
        return field(value.getBytes(StandardCharsets.UTF_8));
    }

    Labels field(byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
