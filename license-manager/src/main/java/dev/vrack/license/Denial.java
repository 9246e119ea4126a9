package dev.vrack.license;

/** Why a determination said no (FIG. 35-37), each with the text a user reads. */
public enum Denial {
    NO_KEY("no hardware key in the USB port of the management chassis"),
    KEY_FOR_ANOTHER_CHASSIS("the hardware key belongs to another chassis"),
    NO_LICENSE("no execution license for this application"),
    LICENSE_NOT_VALID_NOW("the execution license is not valid at this time"),
    CHASSIS_NOT_LISTED("the requesting chassis is not listed in the execution license"),
    NO_SEAT_FREE("every seat of the license is in use"),
    UNKNOWN_LEASE("no such lease: it was released or reclaimed; request the application again");

    private final String text;

    Denial(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
