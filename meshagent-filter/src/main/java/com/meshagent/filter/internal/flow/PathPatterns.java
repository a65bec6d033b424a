package com.meshagent.filter.internal.flow;

import java.util.List;

/** Servlet-style path patterns: {@code /*}, {@code /prefix/*}, {@code *.ext}, or an exact path. */
public record PathPatterns(List<String> patterns) {

    public PathPatterns {
        patterns = List.copyOf(patterns);
    }

    public boolean matches(String path) {
        for (String p : patterns) {
            if (matches(p, path)) {
                return true;
            }
        }
        return false;
    }

    /** Runs on every request: compares in place, building no strings. */
    static boolean matches(String pattern, String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            // "/app/*": "/app" itself, or "/app/" followed by anything
            int prefix = pattern.length() - 2;
            return path.regionMatches(0, pattern, 0, prefix)
                    && (path.length() == prefix || path.charAt(prefix) == '/');
        }
        if (pattern.startsWith("*.")) {
            // "*.jsp": the last path segment ends with ".jsp"
            int ext = pattern.length() - 1;
            int segment = path.length() - (path.lastIndexOf('/') + 1);
            return segment >= ext && path.regionMatches(path.length() - ext, pattern, 1, ext);
        }
        return path.equals(pattern);
    }
}
