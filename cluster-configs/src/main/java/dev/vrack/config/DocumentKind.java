package dev.vrack.config;

/**
 * What kind of YAML file is being read, so the shared reading and parsing code ({@link RackFileReader},
 * {@link YamlDocument}) words its refusals for that file: a rack file, a scenario file, ...
 *
 * @param noun        the file's name in messages ("rack file")
 * @param content     what one file holds ("rack"), in "a rack file holds exactly one rack"
 * @param emptyAdvice what an empty file is told to hold
 * @param missingHint where to find good files, for a path that does not exist
 */
public record DocumentKind(String noun, String content, String emptyAdvice, String missingHint) {

    /** Rack definitions ({@code cluster-configs/*.yml}). */
    public static final DocumentKind RACK = new DocumentKind("rack file", "rack",
            "a rack needs at least name, subnet and chassis (see cluster-configs/demo.yml for an example)",
            "the stock racks are cluster-configs/demo.yml and cluster-configs/two-chassis.yml");
}
