package dev.vrack.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a YAML parser error into one line a person can act on. SnakeYAML's own text spans several lines
 * with a source excerpt; the line number is already in the problem's prefix, so only the words are kept.
 */
final class YamlErrorText {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private YamlErrorText() {
    }

    /** The 1-based line of the error: SnakeYAML's own mark when it has one, it is more precise than Jackson's. */
    static int line(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblemMark().getLine() + 1;
        }
        JsonLocation location = e.getLocation();
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            return "the key '" + duplicate.group(1) + "' appears twice in the same mapping; keep only one";
        }
        if (e instanceof StreamConstraintsException) {
            return "the document is nested too deeply or holds an enormous value; a rack file is a few levels "
                    + "of plain fields (is this the right file?)";
        }
        if (original.startsWith("Expected a field name")) {
            return "a mapping key must be plain text, not a list or a mapping";
        }
        if (e.getCause() instanceof MarkedYAMLException marked) {
            return describe(marked);
        }
        return firstLine(original);
    }

    private static String describe(MarkedYAMLException marked) {
        String problem = marked.getProblem() == null ? "syntax error" : marked.getProblem();
        if (problem.contains("(TAB)")) {
            // SnakeYAML's wording is "found character '\t(TAB)' that cannot start any token. (Do not use ...)".
            problem = "a tab character here";
        }
        StringBuilder text = new StringBuilder(problem);
        Mark mark = marked.getProblemMark();
        if (mark != null) {
            text.append(" at column ").append(mark.getColumn() + 1);
        }
        Mark contextMark = marked.getContextMark();
        if (marked.getContext() != null && contextMark != null) {
            text.append(" (").append(marked.getContext()).append(" that starts on line ")
                    .append(contextMark.getLine() + 1).append(')');
        }
        if (problem.startsWith("a tab character")) {
            text.append("; YAML indents with spaces, never tabs");
        } else if (problem.contains("mapping values are not allowed")) {
            text.append("; is a space missing after a ':' or is a value with ': ' not quoted?");
        } else if (problem.startsWith("expected <block end>")) {
            text.append("; check the indentation of this line against the lines above");
        }
        return text.toString();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
