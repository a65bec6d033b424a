package com.meshagent.filter.internal.flow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The filter's own URLs, relative to the application's origin. */
public final class Links {

    public static final String PREFIX = "/meshagent";
    public static final String LOGIN = PREFIX + "/login";
    public static final String CALLBACK = PREFIX + "/callback";
    public static final String LOGOUT = PREFIX + "/logout";
    public static final String SESSION = PREFIX + "/session";
    public static final String ROOMS = PREFIX + "/rooms";

    private Links() {}

    /** {@code <context>/meshagent/login?return_to=<path>}; the return path is sanitized first. */
    public static String login(String contextPath, String returnTo) {
        return contextPath + LOGIN + "?return_to="
                + URLEncoder.encode(ReturnPaths.sanitize(returnTo), StandardCharsets.UTF_8);
    }
}
