package dev.vrack.checker;

/**
 * A slot of a chassis as events name it, {@code A/3}.
 *
 * @param chassis the chassis name
 * @param text    the whole name, used as the key of the slot
 */
record SlotName(String chassis, String text) {

    /** The slot a source or holder names, or null when the text is not {@code CHASSIS/SLOT}. */
    static SlotName parse(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        return new SlotName(text.substring(0, slash), text);
    }

    @Override
    public String toString() {
        return text;
    }
}
