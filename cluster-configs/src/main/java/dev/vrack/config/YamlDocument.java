package dev.vrack.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A YAML file (rack, scenario) parsed: the tree, and the line of every value in it. */
public record YamlDocument(String file, JsonNode root, YamlLocations locations) {

    /** Duplicate keys are refused: with "last one wins" a typo'd second block would silently hide the first. */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** Parses the text; YAML syntax errors, empty documents and multi-document files become a ConfigException. */
    static YamlDocument parse(String text, String file) throws ConfigException {
        return parse(text, file, DocumentKind.RACK);
    }

    /** Parses the text of a file of the given kind, whose messages name that kind of file. */
    public static YamlDocument parse(String text, String file, DocumentKind kind) throws ConfigException {
        if (text.isBlank()) {
            throw empty(file, kind);
        }
        try {
            YamlLocations locations = locate(text, file, kind);
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw empty(file, kind);
            }
            return new YamlDocument(file, root, locations);
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read the YAML: " + e.getMessage());
        }
    }

    private static YamlLocations locate(String text, String file, DocumentKind kind)
            throws IOException, ConfigException {
        Map<String, Integer> lines = new HashMap<>();
        int documents = 0;
        try (JsonParser parser = FACTORY.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                boolean startsValue = token.isScalarValue() || token.isStructStart();
                // A value whose parent context is the root starts a new YAML document.
                if (startsValue && isTopLevel(parser, token) && ++documents > 1) {
                    throw new ConfigException(java.util.List.of(new ConfigProblem(file,
                            parser.currentTokenLocation().getLineNr(), "",
                            "a second YAML document starts here; a " + kind.noun() + " holds exactly one "
                                    + kind.content() + ", "
                                    + "so remove the '---' and what follows, or move it to its own file")));
                }
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    // Jackson hands an alias over as the anchor's name, not its value: refuse rather than mislead.
                    throw new ConfigException(java.util.List.of(new ConfigProblem(file,
                            parser.currentTokenLocation().getLineNr(), "",
                            "YAML aliases (*" + parser.getText() + ") are not supported in " + kind.noun() + "s; "
                                    + "write the value out in full")));
                }
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
        return new YamlLocations(lines);
    }

    private static boolean isTopLevel(JsonParser parser, JsonToken token) {
        // After START_OBJECT/START_ARRAY the context is the new container, so look at its parent.
        var context = parser.getParsingContext();
        return token.isStructStart() ? context.getParent().inRoot() : context.inRoot();
    }

    private static ConfigException empty(String file, DocumentKind kind) {
        return new ConfigException(file, "the file is empty; " + kind.emptyAdvice());
    }

    private static ConfigException syntaxError(String file, JsonProcessingException e) {
        int line = YamlErrorText.line(e);
        String detail = YamlErrorText.describe(e);
        return new ConfigException(java.util.List.of(new ConfigProblem(file, line, "",
                "not valid YAML: " + detail)));
    }
}
