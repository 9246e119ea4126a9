package dev.vrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.ProcessRecord;
import dev.vrack.config.CartridgeConfig;
import dev.vrack.config.CartridgeKind;
import dev.vrack.config.ChassisConfig;
import dev.vrack.scenario.FaultKind;
import dev.vrack.scenario.FaultParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault toolbox: carries out one {@link FaultKind} on its targets, through the chassis control APIs (or, for
 * a chassis process and the NAS, directly), and records it as a {@code fault.injected} event from source
 * {@code rack}. Both the hands-on verbs and the scenario runner inject through here, so every fault of a run is
 * on its timeline.
 */
final class FaultInjector {

    private final RackCommand.Selected rack;
    private final NasFaults nas;

    FaultInjector(RackCommand.Selected rack) {
        this.rack = rack;
        this.nas = new NasFaults(rack.layout());
    }

    /**
     * Injects {@code fault} on each target ("A/3" or "A") and records it.
     *
     * @param context extra event details (the scenario step and firing); may be empty
     * @return one line per target saying what happened
     */
    List<String> inject(FaultKind fault, List<String> targets, FaultParams params, Map<String, ?> context) {
        List<String> outcome = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fault", fault.id());
        details.put("targets", targets);
        details.putAll(describe(params));
        details.putAll(context);
        // Recorded before acting: the fault's consequences must never precede it on the timeline.
        record(details);
        if (fault.targetKind() == FaultKind.TargetKind.NONE) {
            outcome.add(injectUntargeted(fault, params));
        } else {
            for (String target : targets) {
                outcome.add(injectOn(fault, target, params));
            }
        }
        return outcome;
    }

    private String injectUntargeted(FaultKind fault, FaultParams params) {
        return switch (fault) {
            case RESTART_MANAGER -> restartManager();
            case NAS_CORRUPT -> nas.corrupt(requiredApp(fault, params));
            case NAS_REPLACE -> nas.replace(requiredApp(fault, params), params.file().orElseThrow(() ->
                    new CliException("nas-replace needs the license file that replaces the app's license")));
            case NAS_RESTORE -> nas.restore(requiredApp(fault, params));
            default -> throw new IllegalStateException(fault.id() + " needs a target");
        };
    }

    private String injectOn(FaultKind fault, String target, FaultParams params) {
        if (!target.contains("/")) {
            return injectOnChassis(fault, target, params);
        }
        SlotAddress slot = SlotAddress.parse(target);
        ChassisClient chassis = HardwareVerb.chassis(rack, slot.chassis());
        String path = "slots/" + slot.slot() + "/";
        JsonNode answer = switch (fault) {
            case PULL -> chassis.post(path + "pull", Map.of("graceful", false));
            case REMOVE -> chassis.post(path + "pull", Map.of("graceful", true,
                    "timeoutMs", params.timeoutMs().orElse(5000)));
            case INSERT -> chassis.post(path + "insert", Map.of("card", card(slot, params).toString(), "power", true));
            case POWER_OFF -> chassis.post(path + "power", Map.of("on", false));
            case POWER_ON -> chassis.post(path + "power", Map.of("on", true));
            case KILL -> chassis.post(path + "signal", Map.of("signal", "KILL"));
            case FREEZE -> chassis.post(path + "signal", Map.of("signal", "STOP"));
            case THAW -> chassis.post(path + "signal", Map.of("signal", "CONT"));
            case LINK_DOWN -> chassis.post(path + "link", Map.of("link", "down"));
            case LINK_UP -> chassis.post(path + "link", Map.of("link", "up"));
            case BLACKHOLE -> chassis.post(path + "link", Map.of("link", "blackhole"));
            case IMPAIR -> chassis.post(path + "link", impairment(params));
            case CLOCK_STEP -> chassis.post(path + "clock", Map.of("stepMs", params.stepMs().orElseThrow(() ->
                    new CliException("clock-step needs a step, such as +30s"))));
            default -> throw new CliException(fault.id() + " acts on a chassis, not on slot " + target
                    + "; name the chassis alone, e.g. " + slot.chassis());
        };
        return fault.id() + " " + HardwareVerb.describeSlot(slot, answer) + paramsText(params);
    }

    /** The parameters a fault acted with, for the person at the terminal: " (clock stepped -7200000 ms)". */
    private static String paramsText(FaultParams params) {
        Map<String, Object> given = describe(params);
        given.remove("timeoutMs");
        given.remove("card");
        if (given.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        given.forEach((name, value) -> text.append(text.length() > 2 ? ", " : "").append(name).append(' ')
                .append(value).append(name.endsWith("Ms") ? " ms" : name.endsWith("Percent") ? " %" : ""));
        return text.append(')').toString();
    }

    private String injectOnChassis(FaultKind fault, String chassisName, FaultParams params) {
        ChassisClient chassis = HardwareVerb.chassis(rack, chassisName);
        return switch (fault) {
            case KILL -> killChassis(chassis);
            case USB_DETACH -> usb(chassisName, chassis.post("usb/detach", Map.of()));
            case USB_ATTACH -> usb(chassisName, chassis.post("usb/attach",
                    Map.of("file", key(chassisName, params).toString())));
            case USB_SWAP -> {
                chassis.post("usb/detach", Map.of());
                yield usb(chassisName, chassis.post("usb/attach", Map.of("file", params.key().orElseThrow(() ->
                        new CliException("usb-swap needs the key image to put in (params key)")).toString())));
            }
            default -> throw new CliException(fault.id() + " acts on a slot, not on chassis " + chassisName
                    + "; name a slot, e.g. " + chassisName + "/1");
        };
    }

    private static String killChassis(ChassisClient chassis) {
        ProcessRecord process = chassis.process();
        if (!process.kill()) {
            throw new CliException("chassis " + chassis.chassis() + " has no live process to kill (pid "
                    + process.pid() + ")");
        }
        return "kill chassis " + chassis.chassis() + " (pid " + process.pid() + "): its cartridges die with it";
    }

    private String restartManager() {
        ChassisConfig chassis = rack.config().managementChassis().orElseThrow(() -> new CliException(
                "rack " + rack.config().name() + " has no management cartridge to restart"));
        int slot = chassis.cartridges().stream().filter(c -> c.kind() == CartridgeKind.MANAGEMENT)
                .mapToInt(CartridgeConfig::slot).findFirst().orElseThrow();
        ChassisClient client = HardwareVerb.chassis(rack, chassis.name());
        client.post("slots/" + slot + "/power", Map.of("on", false));
        JsonNode answer = client.post("slots/" + slot + "/power", Map.of("on", true));
        return "restart-manager " + HardwareVerb.describeSlot(new SlotAddress(chassis.name(), slot), answer);
    }

    private static String usb(String chassis, JsonNode answer) {
        return "chassis " + chassis + " usb: " + (answer.path("attached").asBoolean()
                ? "key " + answer.path("keyId").asText() + " attached" : "empty");
    }

    private Path card(SlotAddress slot, FaultParams params) {
        return params.card().orElse(rack.layout().cardFor(slot.chassis(), slot.slot()));
    }

    private Path key(String chassisName, FaultParams params) {
        if (params.key().isPresent()) {
            return params.key().get();
        }
        String usbKey = rack.config().chassis(chassisName).flatMap(ChassisConfig::usbKey).orElseThrow(() ->
                new CliException("chassis " + chassisName + " has no usbKey in the rack file; name the key image"));
        return rack.layout().keyImage(usbKey);
    }

    private static Map<String, Object> impairment(FaultParams params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("link", "up");
        params.delayMs().ifPresent(v -> body.put("delayMs", v));
        params.jitterMs().ifPresent(v -> body.put("jitterMs", v));
        params.lossPercent().ifPresent(v -> body.put("lossPercent", v));
        return body;
    }

    private static String requiredApp(FaultKind fault, FaultParams params) {
        return params.app().orElseThrow(() -> new CliException(fault.id() + " needs the application whose license "
                + "file it acts on (params app, e.g. www)"));
    }

    /** The parameters as event details: only those given, keys as in scenario files. */
    static Map<String, Object> describe(FaultParams params) {
        Map<String, Object> details = new LinkedHashMap<>();
        params.delayMs().ifPresent(v -> details.put("delayMs", v));
        params.jitterMs().ifPresent(v -> details.put("jitterMs", v));
        params.lossPercent().ifPresent(v -> details.put("lossPercent", v));
        params.stepMs().ifPresent(v -> details.put("stepMs", v));
        params.timeoutMs().ifPresent(v -> details.put("timeoutMs", v));
        params.key().ifPresent(v -> details.put("key", v.getFileName().toString()));
        params.card().ifPresent(v -> details.put("card", v.getFileName().toString()));
        params.file().ifPresent(v -> details.put("file", v.getFileName().toString()));
        params.app().ifPresent(v -> details.put("app", v));
        return details;
    }

    private void record(Map<String, Object> details) {
        RackEvents.emit(rack.layout(), "fault.injected", details);
    }
}
