package com.meshagent.benchmarks.load;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs in once, as a browser would, against any of the servers: follows redirects by hand with a cookie jar,
 * fills in the devserver's sign-in form (email, Allow) when it shows up, and stops at the first 200 from the app.
 * The apps are reached as {@code localhost} and the devserver as {@code 127.0.0.1}, so their cookies never mix.
 */
final class SignIn {

    private static final Pattern PENDING = Pattern.compile("name=\"pending\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /** Signs in starting at {@code page} as {@code email}; returns the page's body. */
    String signIn(URI page, String email) throws Exception {
        URI url = page;
        for (int hop = 0; hop < 20; hop++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).header("Accept", "text/html")
                    .header("Sec-Fetch-Mode", "navigate").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 3) {
                url = url.resolve(r.headers().firstValue("Location").orElseThrow());
                continue;
            }
            Matcher m = PENDING.matcher(r.body());
            if (r.statusCode() == 200 && m.find()) {
                URI authorize = url.resolve("/oauth/authorize");
                HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(authorize)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", url.getScheme() + "://" + url.getRawAuthority())
                        .POST(HttpRequest.BodyPublishers.ofString("pending=" + enc(m.group(1)) + "&email=" + enc(email)
                                + "&allow=allow")).build(), HttpResponse.BodyHandlers.ofString());
                if (allowed.statusCode() / 100 != 3) {
                    throw new IllegalStateException("the devserver form answered " + allowed.statusCode());
                }
                url = authorize.resolve(allowed.headers().firstValue("Location").orElseThrow());
                continue;
            }
            if (r.statusCode() == 200 && url.getHost().equals(page.getHost()) && url.getPort() == page.getPort()) {
                return r.body();
            }
            throw new IllegalStateException("sign-in stopped at " + url.getPath() + " with " + r.statusCode() + ": "
                    + r.body().replaceAll("(?s)<style>.*</style>", "").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim());
        }
        throw new IllegalStateException("too many redirects signing in at " + page);
    }

    /** The {@code Cookie} header value the browser would send to {@code app}. */
    String cookieHeader(URI app) {
        return cookies.getCookieStore().get(app).stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    /** This sign-in's client (with its cookie jar, never following redirects), e.g. to probe that a server is up. */
    HttpClient http() {
        return http;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
