package dev.vrack.dhcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Option 82 (RFC 3046): sub-option 1, the circuit ID (the rack uses {@code "A/3"}: chassis and slot),
 * and sub-option 2, the remote ID (the chassis ID). Unknown sub-options are skipped on decode.
 */
public record RelayAgentInfo(String circuitId, String remoteId) {

    public RelayAgentInfo {
        if (circuitId == null || circuitId.isEmpty()) {
            throw new IllegalArgumentException("option 82 needs a circuit ID such as A/3");
        }
        remoteId = remoteId == null ? "" : remoteId;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeSub(out, 1, circuitId.getBytes(StandardCharsets.UTF_8));
        if (!remoteId.isEmpty()) {
            writeSub(out, 2, remoteId.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void writeSub(ByteArrayOutputStream out, int code, byte[] value) {
        if (value.length > 255) {
            throw new IllegalArgumentException("option 82 sub-option " + code + " is " + value.length
                    + " bytes; at most 255 fit");
        }
        out.write(code);
        out.write(value.length);
        out.writeBytes(value);
    }

    /** Parses the sub-options of an option-82 value. */
    public static RelayAgentInfo decode(byte[] value) throws MalformedPacketException {
        String circuit = null;
        String remote = "";
        int i = 0;
        while (i < value.length) {
            if (i + 2 > value.length) {
                throw new MalformedPacketException("option 82 sub-option at byte " + i + " has no length byte");
            }
            int code = value[i] & 0xff;
            int len = value[i + 1] & 0xff;
            if (i + 2 + len > value.length) {
                throw new MalformedPacketException("option 82 sub-option " + code + " declares " + len
                        + " bytes but only " + (value.length - i - 2) + " remain");
            }
            String text = new String(value, i + 2, len, StandardCharsets.UTF_8);
            if (code == 1) {
                circuit = text;
            } else if (code == 2) {
                remote = text;
            }
            i += 2 + len;
        }
        if (circuit == null || circuit.isEmpty()) {
            throw new MalformedPacketException("option 82 has no circuit ID (sub-option 1)");
        }
        return new RelayAgentInfo(circuit, remote);
    }
}
