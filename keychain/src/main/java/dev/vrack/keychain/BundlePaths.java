package dev.vrack.keychain;

/** The rule for paths inside a bundle: relative, '/'-separated, no '.', '..' or empty segments. */
final class BundlePaths {

    static final int MAX_LENGTH = 1024;

    private BundlePaths() {
    }

    /** Why a path is not acceptable, or null if it is. */
    static String problem(String path) {
        if (path.isEmpty() || path.length() > MAX_LENGTH) {
            return "path is empty or longer than " + MAX_LENGTH + " characters";
        }
        if (path.startsWith("/") || path.contains("\\") || path.chars().anyMatch(Character::isISOControl)) {
            return "'" + path + "' must be a relative path with '/' separators and no control characters";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "'" + path + "' has an empty, '.' or '..' segment: give the path relative to the application directory";
            }
        }
        return null;
    }
}
