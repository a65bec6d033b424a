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

    static boolean matches(String pattern, String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.startsWith("*.")) {
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1).endsWith(pattern.substring(1));
        }
        return path.equals(pattern);
    }
}
