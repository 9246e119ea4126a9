package dev.vrack.dhcp;

/** Option codes of RFC 2132 and RFC 3046 that the rack reads or writes. */
public final class DhcpOptionCode {
    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS = 6;
    public static final int HOSTNAME = 12;
    public static final int BROADCAST = 28;
    public static final int REQUESTED_IP = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int CLIENT_ID = 61;
    public static final int RELAY_AGENT_INFO = 82;
    public static final int END = 255;

    private DhcpOptionCode() {
    }

    /**
     * Checks the length and shape of an option value whose format is fixed by the RFCs, so typed
     * accessors can trust what they read. Returns null when fine, else what is wrong.
     */
    static String problemWith(int code, byte[] value) {
        int n = value.length;
        switch (code) {
            case MESSAGE_TYPE:
                return n == 1 ? null : "option 53 (message type) must be 1 byte, got " + n;
            case SUBNET_MASK: case BROADCAST: case REQUESTED_IP: case SERVER_ID:
                return n == 4 ? null : "option " + code + " must be a 4-byte address, got " + n + " bytes";
            case LEASE_TIME: case RENEWAL_TIME: case REBINDING_TIME:
                return n == 4 ? null : "option " + code + " must be a 4-byte time, got " + n + " bytes";
            case MAX_MESSAGE_SIZE:
                return n == 2 ? null : "option 57 (max message size) must be 2 bytes, got " + n;
            case ROUTER: case DNS:
                return n >= 4 && n % 4 == 0 ? null
                        : "option " + code + " must be a list of 4-byte addresses, got " + n + " bytes";
            case CLIENT_ID:
                return n >= 2 ? null : "option 61 (client identifier) must be at least 2 bytes, got " + n;
            case PARAMETER_LIST:
                return n >= 1 ? null : "option 55 (parameter request list) must not be empty";
            case RELAY_AGENT_INFO:
                try {
                    RelayAgentInfo.decode(value);
                    return null;
                } catch (MalformedPacketException e) {
                    return e.getMessage();
                }
            default:
                return null;
        }
    }
}
