package dev.vrack.common;

/** An IPv4 network in CIDR form; the rack only accepts subnets inside 127.0.0.0/8. */
public record Subnet(Ipv4Address network, int prefixLength) {

    public Subnet {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLength);
        }
        if ((network.bits() & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException(network + "/" + prefixLength + " has host bits set; did you mean "
                    + new Ipv4Address(network.bits() & mask(prefixLength)) + "/" + prefixLength + "?");
        }
    }

    /** Parses {@code 127.42.0.0/24}. */
    public static Subnet parse(String text) {
        if (text == null || !text.contains("/")) {
            throw new IllegalArgumentException("expected a subnet in CIDR form like 127.42.0.0/24, got '" + text + "'");
        }
        String[] parts = text.trim().split("/", 2);
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a prefix length after '/', like 127.42.0.0/24, got '" + text + "'");
        }
        return new Subnet(Ipv4Address.parse(parts[0]), prefix);
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public int mask() {
        return mask(prefixLength);
    }

    public boolean contains(Ipv4Address address) {
        return (address.bits() & mask()) == network.bits();
    }

    /** True when the whole subnet lies inside 127.0.0.0/8. */
    public boolean isLoopback() {
        return prefixLength >= 8 && network.isLoopback();
    }

    public Ipv4Address broadcast() {
        return new Ipv4Address(network.bits() | ~mask());
    }

    /** The first usable host address (network + 1). */
    public Ipv4Address firstHost() {
        return network.plus(1);
    }

    /** The last usable host address (broadcast - 1). */
    public Ipv4Address lastHost() {
        return broadcast().plus(-1);
    }

    public Ipv4Address maskAddress() {
        return new Ipv4Address(mask());
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
