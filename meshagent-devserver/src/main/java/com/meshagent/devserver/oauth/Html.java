package com.meshagent.devserver.oauth;

import org.eclipse.jetty.util.StringUtil;

/** HTML pages of the OAuth endpoints. Every value placed into a page goes through {@link #escape}. */
final class Html {
    private Html() {}

    /** Escapes text for element content and quoted attributes with Jetty's escaper; {@code null} is empty. */
    static String escape(String s) {
        return s == null ? "" : StringUtil.sanitizeXmlString(s);
    }

    static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}"
                + "label{display:block;margin:.8rem 0}input{display:block;width:100%;padding:.4rem;font-size:1rem}"
                + "button{margin:.8rem .5rem 0 0;padding:.5rem 1.2rem;font-size:1rem}.error{color:#a00}"
                + "code{background:#eee;padding:0 .2rem}</style></head><body><main>"
                + body + "</main></body></html>";
    }

    static String errorPage(String message) {
        return page("Sign-in error", "<h1>Sign-in error</h1><p class=\"error\">" + escape(message)
                + "</p><p>Return to the application and start signing in again.</p>");
    }

    static String signInForm(String pendingId, String clientName, String clientId, java.util.List<String> scopes,
            String error, String email, String name) {
        StringBuilder scopeList = new StringBuilder();
        for (String s : scopes) {
            scopeList.append("<li><code>").append(escape(s)).append("</code></li>");
        }
        return page("Sign in with MeshAgent (devserver)",
                "<h1>Sign in with MeshAgent</h1>"
                + "<p>This is the local MeshAgent devserver: any email address signs in.</p>"
                + "<p><strong>" + escape(clientName) + "</strong> (<code>" + escape(clientId)
                + "</code>) asks for:</p><ul>" + scopeList + "</ul>"
                + (error == null ? "" : "<p class=\"error\" id=\"error\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/oauth/authorize\">"
                + "<input type=\"hidden\" name=\"pending\" value=\"" + escape(pendingId) + "\">"
                + "<label>Email<input type=\"text\" inputmode=\"email\" autocomplete=\"email\" name=\"email\" value=\""
                + escape(email) + "\" autofocus></label>"
                + "<label>Name (optional)<input type=\"text\" autocomplete=\"name\" name=\"name\" value=\""
                + escape(name) + "\"></label>"
                + "<button type=\"submit\" name=\"allow\" value=\"allow\">Allow</button>"
                + "<button type=\"submit\" name=\"deny\" value=\"deny\">Deny</button>"
                + "</form>");
    }
}
