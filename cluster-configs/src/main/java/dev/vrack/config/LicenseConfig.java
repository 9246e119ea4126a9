package dev.vrack.config;

import java.util.List;

/**
 * An execution license that {@code rack up} provisions for the rack: the authority issues it for the rack's
 * hardware key and the software provider forwards it to the NAS folder.
 *
 * @param app     the application ID
 * @param count   how many instances may run at once
 * @param chassis the names of the chassis the license lists (every chassis of the rack when the file names none)
 * @param days    validity from provisioning
 */
public record LicenseConfig(String app, int count, List<String> chassis, int days) {

    public static final int DEFAULT_DAYS = 365;

    public LicenseConfig {
        chassis = List.copyOf(chassis);
    }
}
