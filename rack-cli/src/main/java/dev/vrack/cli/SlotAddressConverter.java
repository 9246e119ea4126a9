package dev.vrack.cli;

import picocli.CommandLine;

/** Lets picocli turn {@code A/3} into a {@link SlotAddress}, with a usage error (exit 2) when it is malformed. */
final class SlotAddressConverter implements CommandLine.ITypeConverter<SlotAddress> {

    @Override
    public SlotAddress convert(String value) {
        try {
            return SlotAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
