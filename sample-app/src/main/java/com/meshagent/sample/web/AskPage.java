package com.meshagent.sample.web;

import static com.meshagent.sample.web.Html.esc;
import static com.meshagent.sample.web.Html.notice;

import com.meshagent.sample.LlmProxy;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /ask}: a prompt box. The server (never the browser) calls the LLM proxy with the signed-in user's
 * OAuth access token and shows the answer, or explains why the user may not use the proxy.
 */
public final class AskPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_PROMPT = 4000;

    private final transient Html html;
    private final transient Optional<LlmProxy> proxy;
    private final transient Function<HttpServletRequest, Optional<String>> accessToken;

    /**
     * @param proxy the LLM proxy client, empty when no project id is configured
     * @param accessToken the signed-in user's OAuth access token for a request (server side only)
     */
    public AskPage(Html html, Optional<LlmProxy> proxy, Function<HttpServletRequest, Optional<String>> accessToken) {
        this.html = html;
        this.proxy = proxy;
        this.accessToken = accessToken;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        html.render(req, resp, 200, "Ask", "/ask", form(req, "", ""));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Csrf.valid(req)) {
            html.render(req, resp, HttpServletResponse.SC_FORBIDDEN, "Ask", "/ask",
                    form(req, "", notice("error", "form-expired", "This form expired. Please send your question again.")));
            return;
        }
        String prompt = Optional.ofNullable(req.getParameter("prompt")).orElse("").strip();
        if (prompt.isEmpty() || prompt.length() > MAX_PROMPT) {
            html.render(req, resp, HttpServletResponse.SC_BAD_REQUEST, "Ask", "/ask", form(req, prompt,
                    notice("error", "bad-prompt", "Type a question of 1 to " + MAX_PROMPT + " characters.")));
            return;
        }
        if (proxy.isEmpty()) {
            html.render(req, resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Ask", "/ask", form(req, prompt,
                    notice("warn", "llm-not-configured", "The LLM proxy needs the project id: set MESHAGENT_PROJECT_ID and restart.")));
            return;
        }
        Optional<String> token = accessToken.apply(req);
        if (token.isEmpty()) {
            html.render(req, resp, HttpServletResponse.SC_UNAUTHORIZED, "Ask", "/ask", form(req, prompt,
                    notice("error", "sign-in-again", "Your sign-in has no access token any more. Please sign out and in again.")));
            return;
        }
        LlmProxy.Reply reply = proxy.get().ask(token.get(), prompt);
        int status = 200;
        String result;
        if (reply instanceof LlmProxy.Answer answer) {
            result = "<section class=\"card\"><h2>Answer</h2><div class=\"answer\" id=\"answer\">" + esc(answer.text())
                    + "</div>" + (answer.model().isEmpty() ? "" : "<p class=\"muted\">" + esc(answer.model()) + "</p>")
                    + "</section>";
        } else if (reply instanceof LlmProxy.NotAllowed notAllowed) {
            status = HttpServletResponse.SC_FORBIDDEN;
            result = notice("error", "llm-denied", "You may not use this project's LLM proxy: your account lacks the "
                    + "can_use_llm_proxy permission in the project. Ask a project admin to grant it. (The proxy said: "
                    + notAllowed.detail() + ")");
        } else if (reply instanceof LlmProxy.SignInAgain) {
            status = HttpServletResponse.SC_UNAUTHORIZED;
            result = notice("error", "sign-in-again", "The LLM proxy did not accept your sign-in. Please sign out and in again.");
        } else {
            status = HttpServletResponse.SC_BAD_GATEWAY;
            result = notice("error", "llm-failed", ((LlmProxy.Failed) reply).detail());
        }
        html.render(req, resp, status, "Ask", "/ask", form(req, prompt, result));
    }

    private static String form(HttpServletRequest req, String prompt, String result) {
        return "<h1>Ask the LLM</h1><section class=\"card\"><form method=\"post\" action=\"/ask\">" + Csrf.hiddenField(req)
                + "<label for=\"prompt\">Your question</label><textarea id=\"prompt\" name=\"prompt\" maxlength=\""
                + MAX_PROMPT + "\" required>" + esc(prompt) + "</textarea>"
                + "<p><button type=\"submit\" id=\"ask\">Ask</button></p>"
                + "<p class=\"muted\">The server sends your question to MeshAgent's LLM proxy with your own sign-in; "
                + "your project decides whether you may use it.</p></form></section>" + result;
    }
}
