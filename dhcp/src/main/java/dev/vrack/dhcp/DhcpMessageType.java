package dev.vrack.dhcp;

import java.util.Optional;

/** The DHCP message types of option 53 (RFC 2132 section 9.6). */
public enum DhcpMessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8);

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for an option-53 value, empty for codes this implementation does not know. */
    public static Optional<DhcpMessageType> fromCode(int code) {
        for (DhcpMessageType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The lower-case name used in event types, e.g. {@code dhcp.ack}. */
    public String eventName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
