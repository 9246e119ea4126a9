package dev.vrack.common;

/** An IPv4 address as an unsigned 32-bit value, with parsing that names what was wrong. */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

    /** Parses dotted-quad text such as {@code 127.42.0.10}. */
    public static Ipv4Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expected an IPv4 address like 127.42.0.10, got nothing");
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected an IPv4 address like 127.42.0.10, got '" + text + "'");
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("expected an IPv4 address like 127.42.0.10, got '" + text + "'");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("octet " + octet + " in '" + text + "' is above 255");
            }
            bits = (bits << 8) | octet;
        }
        return new Ipv4Address(bits);
    }

    /** Builds an address from the four network-order bytes at {@code offset}. */
    public static Ipv4Address fromBytes(byte[] bytes, int offset) {
        return new Ipv4Address(((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff));
    }

    public static Ipv4Address fromInetAddress(java.net.InetAddress address) {
        return fromBytes(address.getAddress(), 0);
    }

    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    public java.net.InetAddress toInetAddress() {
        try {
            return java.net.InetAddress.getByAddress(toBytes());
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** True for 127.0.0.0/8, the only range the rack may ever send to. */
    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    public boolean isZero() {
        return bits == 0;
    }

    public Ipv4Address plus(int offset) {
        return new Ipv4Address(bits + offset);
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
