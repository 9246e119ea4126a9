package dev.vrack.cartridge;

import dev.vrack.proto.chassisid.ChassisIdAnswer;
import dev.vrack.proto.chassisid.ChassisIdRequest;

/** The chassis ID service's decision (FIG. 28), apart from sockets: answer only version 1 askers of our chassis. */
public final class ChassisIdAnswers {

    /** The only version of chassis_id.proto this service speaks. */
    public static final int VERSION = 1;

    private final String chassis;
    private final String chassisId;

    public ChassisIdAnswers(String chassis, String chassisId) {
        if (chassisId == null || chassisId.isBlank()) {
            throw new IllegalArgumentException("the chassis ID service of chassis " + chassis
                    + " needs the ID read from the ID memory; it was empty");
        }
        this.chassis = chassis;
        this.chassisId = chassisId;
    }

    /** The answer to one request: the chassis ID, or an error saying why it was refused. */
    public ChassisIdAnswer answer(ChassisIdRequest request) {
        if (request.getVersion() != VERSION) {
            return refused("unsupported chassis ID protocol version " + request.getVersion()
                    + "; this service speaks version " + VERSION);
        }
        if (request.getAskingChassis().isBlank()) {
            return refused("the request names no asking chassis; set asking_chassis to the asker's chassis name");
        }
        if (!request.getAskingChassis().equals(chassis)) {
            // The ID memory is wired to one chassis: a cartridge elsewhere must ask its own slot 0.
            return refused("this is the chassis ID service of chassis " + chassis + "; a cartridge of chassis "
                    + request.getAskingChassis() + " must ask the slot-0 cartridge of its own chassis");
        }
        return ChassisIdAnswer.newBuilder().setChassisId(chassisId).build();
    }

    private static ChassisIdAnswer refused(String error) {
        return ChassisIdAnswer.newBuilder().setError(error).build();
    }
}
