package dev.vrack.chassis;

import dev.vrack.chassis.control.ControlRequest;
import dev.vrack.chassis.control.ControlResponse;
import dev.vrack.chassis.control.ControlRoutes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.common.Json;
import dev.vrack.common.LinkCondition;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps control API requests (docs/ARCHITECTURE.md, "The chassis control API") to chassis operations. */
final class ControlRouter implements ControlRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ControlRouter.class);
    private static final String ENDPOINTS = "endpoints: GET /status, POST /slots/{n}/pull, POST /slots/{n}/insert, "
            + "POST /slots/{n}/power, POST /slots/{n}/link, POST /slots/{n}/clock, POST /slots/{n}/signal, POST /usb/attach, "
            + "POST /usb/detach, POST /shutdown";
    /** Ten years either way: far beyond any clock fault worth modelling, short of overflowing an Instant. */
    private static final long MAX_CLOCK_STEP_MS = 10L * 366 * 24 * 3600 * 1000;
    /** Ten minutes: longer than any sensible graceful stop, short enough to catch unit mistakes. */
    private static final long MAX_TIMEOUT_MS = 600_000;

    private final Chassis chassis;

    ControlRouter(Chassis chassis) {
        this.chassis = chassis;
    }

    @Override
    public ControlResponse handle(ControlRequest request) {
        String endpoint = request.method() + " " + request.path();
        try {
            return route(request, endpoint);
        } catch (MethodNotAllowed e) {
            return ControlResponse.error(405, e.getMessage(), e.hint());
        } catch (ChassisException e) {
            return ControlResponse.error(status(e.reason()), e.getMessage(), e.hint());
        } catch (RuntimeException e) {
            LOG.error("{} failed", endpoint, e);
            return ControlResponse.error(500, "internal error in " + endpoint + ": " + e,
                    "see the chassis log, " + "logs/" + chassis.name() + ".log in the rack's state folder");
        }
    }

    private ControlResponse route(ControlRequest request, String endpoint) {
        String[] parts = request.path().replaceAll("/+$", "").split("/");
        // parts[0] is the empty string before the leading slash.
        if (parts.length == 2 && parts[1].equals("status")) {
            requireMethod(request, "GET", endpoint);
            return ControlResponse.ok(chassis.status());
        }
        if (parts.length == 4 && parts[1].equals("slots")) {
            requireMethod(request, "POST", endpoint);
            int slot = slotNumber(parts[2]);
            return switch (parts[3]) {
                case "pull" -> pull(slot, RequestBody.parse(endpoint, request.body(), List.of("graceful", "timeoutMs")));
                case "insert" -> insert(slot, RequestBody.parse(endpoint, request.body(),
                        List.of("card", "kind", "power")));
                case "power" -> power(slot, RequestBody.parse(endpoint, request.body(), List.of("on")));
                case "link" -> link(slot, RequestBody.parse(endpoint, request.body(),
                        List.of("link", "delayMs", "jitterMs", "lossPercent")));
                case "clock" -> clock(slot, RequestBody.parse(endpoint, request.body(), List.of("stepMs")));
                case "signal" -> signal(slot, RequestBody.parse(endpoint, request.body(), List.of("signal")));
                default -> notFound(endpoint);
            };
        }
        if (parts.length == 3 && parts[1].equals("usb")) {
            requireMethod(request, "POST", endpoint);
            if (parts[2].equals("attach")) {
                RequestBody body = RequestBody.parse(endpoint, request.body(), List.of("file"));
                Path file = absolute(body.requiredString("file", "/abs/path/to/key"), "file");
                chassis.usb().attach(file);
                return ControlResponse.ok(chassis.usbStatus());
            }
            if (parts[2].equals("detach")) {
                RequestBody.parse(endpoint, request.body(), List.of());
                chassis.usb().detach();
                return ControlResponse.ok(chassis.usbStatus());
            }
            return notFound(endpoint);
        }
        if (parts.length == 2 && parts[1].equals("shutdown")) {
            requireMethod(request, "POST", endpoint);
            RequestBody body = RequestBody.parse(endpoint, request.body(), List.of("timeoutMs"));
            long timeout = body.longValue("timeoutMs", chassis.defaultGracefulMs(), 0, MAX_TIMEOUT_MS);
            return new ControlResponse(200, Json.mapper().createObjectNode(), () -> chassis.shutdownAsync(timeout));
        }
        return notFound(endpoint);
    }

    private ControlResponse pull(int slot, RequestBody body) {
        boolean graceful = body.bool("graceful", false);
        long timeout = body.longValue("timeoutMs", 0, 0, MAX_TIMEOUT_MS);
        chassis.slots().pull(slot, graceful, timeout);
        return ControlResponse.ok(chassis.slotStatus(slot));
    }

    private ControlResponse insert(int slot, RequestBody body) {
        Path card = absolute(body.requiredString("card", "/abs/path/to/A-3.card"), "card");
        boolean power = body.bool("power", true);
        chassis.slots().insert(slot, card, body.string("kind"), power);
        return ControlResponse.ok(chassis.slotStatus(slot));
    }

    private ControlResponse power(int slot, RequestBody body) {
        chassis.slots().power(slot, body.requiredBool("on"));
        return ControlResponse.ok(chassis.slotStatus(slot));
    }

    private ControlResponse link(int slot, RequestBody body) {
        String link = body.requiredString("link", "down");
        LinkCondition.State state = LinkCondition.State.parse(link);
        if (state == null) {
            throw bad("field 'link' must be \"up\", \"down\" or \"blackhole\", got \"" + link + "\"",
                    "send {\"link\": \"down\"} to cut the slot's cable, {\"link\": \"blackhole\"} to swallow its "
                            + "frames silently, {\"link\": \"up\"} to restore it (clearing every impairment)");
        }
        long delay = body.longValue("delayMs", 0, 0, LinkCondition.MAX_DELAY_MS);
        long jitter = body.longValue("jitterMs", 0, 0, LinkCondition.MAX_DELAY_MS);
        double loss = body.doubleValue("lossPercent", 0, 0, 100);
        if (state != LinkCondition.State.UP && (delay != 0 || jitter != 0 || loss != 0)) {
            throw bad("delayMs, jitterMs and lossPercent apply to an up link only, not to a " + link + " one",
                    "send {\"link\": \"up\", \"delayMs\": 200, \"lossPercent\": 10} to impair a working link");
        }
        chassis.slots().slot(slot);
        chassis.hub().setLink(slot, new LinkCondition(state, delay, jitter, loss));
        return ControlResponse.ok(chassis.slotStatus(slot));
    }

    private ControlResponse clock(int slot, RequestBody body) {
        if (body.isMissing("stepMs")) {
            throw bad("field 'stepMs' is missing from the body of POST /slots/" + slot + "/clock",
                    "send e.g. {\"stepMs\": 30000} to move the cartridge's wall clock 30 s ahead, -30000 back");
        }
        long step = body.longValue("stepMs", 0, -MAX_CLOCK_STEP_MS, MAX_CLOCK_STEP_MS);
        chassis.stepClock(slot, step);
        ObjectNode answer = chassis.slotStatus(slot);
        answer.put("stepMs", step);
        return ControlResponse.ok(answer);
    }

    private ControlResponse signal(int slot, RequestBody body) {
        String name = body.requiredString("signal", "KILL");
        CartridgeSignal signal = CartridgeSignal.parse(name);
        if (signal == null) {
            throw bad("field 'signal' must be \"KILL\", \"STOP\" or \"CONT\", got \"" + name + "\"",
                    "KILL crashes the cartridge (SIGKILL), STOP freezes it, CONT thaws it");
        }
        long pid = chassis.slots().signal(slot, signal);
        ObjectNode answer = chassis.slotStatus(slot);
        answer.put("signal", signal.name());
        answer.put("signalledPid", pid);
        return ControlResponse.ok(answer);
    }

    private static ChassisException bad(String message, String hint) {
        return new ChassisException(ChassisException.Reason.BAD_REQUEST, message, hint);
    }

    private int slotNumber(String text) {
        int slot;
        try {
            slot = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ChassisException(ChassisException.Reason.BAD_REQUEST, "slot '" + text + "' is not a number",
                    "slots of chassis " + chassis.name() + " are numbered 0.." + (chassis.slots().slotCount() - 1));
        }
        chassis.slots().slot(slot);
        return slot;
    }

    private static Path absolute(String text, String field) {
        Path path;
        try {
            path = Path.of(text);
        } catch (RuntimeException e) {
            throw new ChassisException(ChassisException.Reason.BAD_REQUEST, "field '" + field + "' is not a valid path: "
                    + text, "give an absolute path");
        }
        if (!path.isAbsolute()) {
            throw new ChassisException(ChassisException.Reason.BAD_REQUEST, "field '" + field + "' must be an absolute path"
                    + ", got '" + text + "'", "the chassis does not share your working directory; give the full path");
        }
        return path.normalize();
    }

    private static void requireMethod(ControlRequest request, String method, String endpoint) {
        if (!request.method().equals(method)) {
            throw new MethodNotAllowed(endpoint + " is not supported; use " + method + " " + request.path());
        }
    }

    private static ControlResponse notFound(String endpoint) {
        return ControlResponse.error(404, "no such endpoint: " + endpoint, ENDPOINTS);
    }

    private static int status(ChassisException.Reason reason) {
        return switch (reason) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INTERNAL -> 500;
        };
    }

    /** A known path with the wrong method: 405. */
    private static final class MethodNotAllowed extends ChassisException {
        private static final long serialVersionUID = 1L;

        MethodNotAllowed(String message) {
            super(Reason.BAD_REQUEST, message, ENDPOINTS);
        }
    }
}
