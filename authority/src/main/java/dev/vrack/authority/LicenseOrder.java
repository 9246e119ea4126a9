package dev.vrack.authority;

import dev.vrack.authority.AuthorityException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An application execution license request (FIG. 25-26, S81): the application, the license count, the
 * hardware key of the operation target chassis, the chassis that cooperate, the validity and conditions of use.
 * Checks what it can alone; {@link Authority} checks the rest against its databases.
 */
public record LicenseOrder(String applicationId, int licenseCount, String keyId, List<String> chassisIds,
        Duration validity, Map<String, String> conditions) {

    /** A single license covers at most this many seats; a larger number is surely a typing mistake. */
    public static final int MAX_COUNT = 100_000;
    /** Ten years: the longest validity the authority signs. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(3650);
    static final int MAX_CHASSIS = 256;
    static final int MAX_CONDITIONS = 64;

    public LicenseOrder {
        applicationId = Ids.require("application ID", applicationId, "--app");
        keyId = Ids.require("hardware key ID", keyId, "--key-id");
        if (licenseCount < 1 || licenseCount > MAX_COUNT) {
            throw new AuthorityException(Reason.INVALID, "license count is " + licenseCount
                    + "; it must be between 1 and " + MAX_COUNT, "give the number of cartridges that may run "
                    + applicationId + " at once, e.g. --count 4");
        }
        if (chassisIds == null || chassisIds.isEmpty()) {
            throw new AuthorityException(Reason.INVALID, "the license lists no chassis ID",
                    "list at least the chassis of hardware key " + keyId + " (--chassis ID, repeatable)");
        }
        if (chassisIds.size() > MAX_CHASSIS) {
            throw new AuthorityException(Reason.INVALID, "the license lists " + chassisIds.size()
                    + " chassis; at most " + MAX_CHASSIS, "split the cooperating chassis into several licenses");
        }
        List<String> checked = new ArrayList<>();
        for (String id : chassisIds) {
            checked.add(Ids.require("chassis ID", id, "--chassis"));
        }
        if (new LinkedHashSet<>(checked).size() != checked.size()) {
            throw new AuthorityException(Reason.INVALID, "the license lists a chassis ID twice: " + checked,
                    "list each cooperating chassis once");
        }
        chassisIds = List.copyOf(checked);
        if (validity == null || validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new AuthorityException(Reason.INVALID, "validity " + validity + " is out of range",
                    "give a validity between 1 day and " + MAX_VALIDITY.toDays() + " days, e.g. --days 30");
        }
        conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
        if (conditions.size() > MAX_CONDITIONS) {
            throw new AuthorityException(Reason.INVALID, conditions.size() + " conditions of use; at most "
                    + MAX_CONDITIONS, "keep the conditions of use to a few name=value pairs");
        }
        conditions.forEach((name, value) -> {
            Ids.require("condition name", name, "the conditions");
            Ids.requireText("condition " + name, value, 1024);
        });
    }

    /** An order for a collection of chassis IDs, in their iteration order. */
    public static LicenseOrder of(String applicationId, int licenseCount, String keyId, Collection<String> chassisIds,
            Duration validity, Map<String, String> conditions) {
        return new LicenseOrder(applicationId, licenseCount, keyId,
                chassisIds == null ? List.of() : new ArrayList<>(chassisIds), validity, conditions);
    }
}
