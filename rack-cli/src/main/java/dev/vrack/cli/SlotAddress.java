package dev.vrack.cli;

/** A {@code CHASSIS/SLOT} argument such as {@code A/3}. */
public record SlotAddress(String chassis, int slot) {

    public static SlotAddress parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("expected CHASSIS/SLOT such as A/3, got '" + text + "'");
        }
        String slotText = text.substring(slash + 1);
        if (!slotText.chars().allMatch(Character::isDigit) || slotText.length() > 3) {
            throw new IllegalArgumentException("slot must be a number in CHASSIS/SLOT such as A/3, got '" + text + "'");
        }
        return new SlotAddress(text.substring(0, slash), Integer.parseInt(slotText));
    }

    @Override
    public String toString() {
        return chassis + "/" + slot;
    }
}
