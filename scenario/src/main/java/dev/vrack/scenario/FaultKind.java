package dev.vrack.scenario;

import java.util.Arrays;
import java.util.Optional;

/** The fault toolbox: every fault a scenario step (and a {@code rack} verb) can inject. */
public enum FaultKind {

    PULL("pull", TargetKind.SLOT, "hard pull: the cartridge loses power at once"),
    REMOVE("remove", TargetKind.SLOT, "graceful removal: asked to stop, killed after a timeout"),
    INSERT("insert", TargetKind.SLOT, "insert the slot's card again (or params.card)"),
    POWER_OFF("power-off", TargetKind.SLOT, "cut the slot's power"),
    POWER_ON("power-on", TargetKind.SLOT, "restore the slot's power"),
    KILL("kill", TargetKind.SLOT_OR_CHASSIS, "kill -9 of a cartridge or chassis process"),
    FREEZE("freeze", TargetKind.SLOT, "SIGSTOP the cartridge process"),
    THAW("thaw", TargetKind.SLOT, "SIGCONT the cartridge process"),
    LINK_DOWN("link-down", TargetKind.SLOT, "unplug the slot's LAN cable (the cartridge sees carrier loss)"),
    LINK_UP("link-up", TargetKind.SLOT, "plug the cable back and clear every impairment"),
    BLACKHOLE("blackhole", TargetKind.SLOT, "drop every frame both ways silently; the link still looks up"),
    IMPAIR("impair", TargetKind.SLOT, "delay (params.delayMs, params.jitterMs) and loss (params.lossPercent)"),
    USB_DETACH("usb-detach", TargetKind.CHASSIS, "pull the hardware key from the chassis's USB port"),
    USB_ATTACH("usb-attach", TargetKind.CHASSIS, "put the chassis's key (or params.key) back"),
    USB_SWAP("usb-swap", TargetKind.CHASSIS, "replace the key with another (params.key)"),
    RESTART_MANAGER("restart-manager", TargetKind.NONE, "power the management cartridge off and on"),
    NAS_CORRUPT("nas-corrupt", TargetKind.NONE, "flip a byte of a license file in the NAS (params.app)"),
    NAS_REPLACE("nas-replace", TargetKind.NONE, "replace a license file in the NAS (params.app, params.file)"),
    NAS_RESTORE("nas-restore", TargetKind.NONE, "put back the license file a nas-corrupt or nas-replace changed"),
    CLOCK_STEP("clock-step", TargetKind.SLOT, "step the cartridge's wall clock by params.stepMs");

    /** What a fault acts on. */
    public enum TargetKind { SLOT, CHASSIS, SLOT_OR_CHASSIS, NONE }

    private final String id;
    private final TargetKind targetKind;
    private final String meaning;

    FaultKind(String id, TargetKind targetKind, String meaning) {
        this.id = id;
        this.targetKind = targetKind;
        this.meaning = meaning;
    }

    /** The name used in scenario files, events and reports. */
    public String id() {
        return id;
    }

    public TargetKind targetKind() {
        return targetKind;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<FaultKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
