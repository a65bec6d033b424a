package com.meshagent.filter.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives the devserver's sign-in form the way a person would: enter an email, press Allow. */
public final class DevServerSignIn {

    private static final Pattern PENDING = Pattern.compile("name=\"pending\" value=\"([^\"]+)\"");

    private DevServerSignIn() {}

    /**
     * From the app's login URL to the callback URL the devserver sends the browser to (not yet visited), so a
     * test can visit, replay or tamper with it.
     */
    public static URI callbackFor(Browser b, URI loginUrl, String email) throws Exception {
        HttpResponse<String> login = b.get(loginUrl);
        if (login.statusCode() != 302) {
            throw new AssertionError("login answered " + login.statusCode() + ": " + login.body());
        }
        URI authorize = Browser.location(login);
        HttpResponse<String> form = b.get(authorize);
        Matcher m = PENDING.matcher(form.body());
        if (!m.find()) {
            throw new AssertionError("no sign-in form at " + authorize + ": " + form.statusCode() + " " + form.body());
        }
        HttpResponse<String> allowed = b.postForm(authorize.resolve("/oauth/authorize"),
                "pending=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)
                        + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&allow=allow",
                "Origin", authorize.getScheme() + "://" + authorize.getRawAuthority());
        if (!Browser.isRedirect(allowed)) {
            throw new AssertionError("devserver did not redirect back: " + allowed.statusCode() + " " + allowed.body());
        }
        return Browser.location(allowed);
    }

    /** Signs in completely and returns the app's answer to the callback. */
    public static HttpResponse<String> signIn(Browser b, URI loginUrl, String email) throws Exception {
        return b.get(callbackFor(b, loginUrl, email));
    }
}
