package dev.vrack.authority.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vrack.authority.Authority;
import dev.vrack.authority.AuthorityException;
import dev.vrack.authority.IssuedLicense;
import dev.vrack.authority.RegisteredApplication;
import dev.vrack.common.Json;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What each path of the authority's HTTP service does; the transport knows nothing of it. Never throws. */
final class AuthorityRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorityRoutes.class);

    private final Authority authority;

    AuthorityRoutes(Authority authority) {
        this.authority = authority;
    }

    HttpAnswer handle(HttpCall call) {
        try {
            return route(call);
        } catch (AuthorityException e) {
            return HttpAnswer.error(status(e.reason()), e.error(), e.hint());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", call.method(), call.path(), e);
            return HttpAnswer.error(500, "internal error: " + e.getClass().getSimpleName(), "see the authority's log");
        }
    }

    private HttpAnswer route(HttpCall call) {
        switch (call.path()) {
            case "/health":
                return call.method().equals("GET") ? health() : methodNotAllowed(call, "GET");
            case "/applications":
                return call.method().equals("GET") ? applications() : methodNotAllowed(call, "GET");
            case "/licenses":
                return call.method().equals("POST") ? issue(call) : methodNotAllowed(call, "POST");
            default:
                return HttpAnswer.error(404, "no such path: " + abbreviate(call.path()),
                        "the authority serves GET /health, GET /applications and POST /licenses");
        }
    }

    private HttpAnswer health() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("status", "ok");
        node.put("authorityKeyId", authority.keyId());
        node.put("schemaVersion", authority.schemaVersion());
        return HttpAnswer.json(200, node);
    }

    private HttpAnswer applications() {
        ArrayNode list = Json.mapper().createArrayNode();
        for (RegisteredApplication application : authority.applications()) {
            ObjectNode node = list.addObject();
            node.put("app", application.applicationId());
            node.put("provider", application.provider());
            node.put("billTo", application.billAddressee());
            node.put("encryptionKeyId", application.encryptionKeyId());
            node.put("registered", application.registeredAt().toString());
        }
        return HttpAnswer.json(200, list);
    }

    private HttpAnswer issue(HttpCall call) {
        IssuedLicense license = authority.issueLicense(LicenseRequestParser.parse(call.body()));
        return HttpAnswer.bytes(license.file(), Map.of(
                "X-License-Id", license.licenseId(),
                "Content-Disposition", "attachment; filename=\"" + license.licenseId() + ".lic\""));
    }

    private static HttpAnswer methodNotAllowed(HttpCall call, String allowed) {
        return HttpAnswer.error(405, call.method() + " is not allowed on " + call.path(), "use " + allowed);
    }

    static int status(AuthorityException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case UNKNOWN -> 422;
            case CONFLICT -> 409;
            case STORAGE -> 500;
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
