package dev.vrack.scenario.report;

/** Escaping for text taken from events and scenario files, so no name can become markup. */
final class Html {

    private Html() {
    }

    /** Escapes for element text and quoted attribute values alike; drops what XML/HTML cannot carry. */
    static String esc(Object value) {
        String text = JUnitXmlReport.clean(value == null ? "" : String.valueOf(value));
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
