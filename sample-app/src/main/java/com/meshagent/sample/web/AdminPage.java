package com.meshagent.sample.web;

import static com.meshagent.sample.web.Html.esc;
import static com.meshagent.sample.web.Html.notice;

import com.meshagent.filter.admin.CallerRole;
import com.meshagent.filter.admin.CreatedOAuthClient;
import com.meshagent.filter.admin.MeshAgentApi;
import com.meshagent.filter.admin.MeshAgentApiException;
import com.meshagent.filter.admin.OAuthClient;
import com.meshagent.filter.admin.OAuthClientSpec;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin}: the project's OAuth clients, for project admins only, mirroring the Studio flow: list,
 * create (name, redirect URIs, grant types, response types, scopes; the secret shown once), edit, delete.
 *
 * <p>Who is an admin is asked of MeshAgent with the user's own access token
 * ({@link MeshAgentApi#callerRole}); the changes are then made with the app's API key. Every POST carries
 * the page's CSRF token. Routes: {@code GET /admin}, {@code POST /admin/clients},
 * {@code GET|POST /admin/clients/{id}}, {@code POST /admin/clients/{id}/delete}.
 */
public final class AdminPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminPage.class);
    private static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials");
    private static final List<String> RESPONSE_TYPES = List.of("code", "token", "id_token");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    /** What the admin page needs from configuration; empty when a piece is missing. */
    public record Setup(URI apiUrl, String projectId, String apiKey, String appClientId) {
        @Override
        public String toString() {
            return "Setup[apiUrl=" + apiUrl + ", projectId=" + projectId + ", appClientId=" + appClientId
                    + ", apiKey=<redacted>]";
        }
    }

    private final transient Html html;
    private final transient Optional<Setup> setup;
    private final transient Optional<MeshAgentApi> appApi;
    private final transient Function<HttpServletRequest, Optional<String>> accessToken;

    public AdminPage(Html html, Optional<Setup> setup, Function<HttpServletRequest, Optional<String>> accessToken) {
        this.html = html;
        this.setup = setup;
        this.appApi = setup.map(s -> MeshAgentApi.builder().apiUrl(s.apiUrl()).apiKey(s.apiKey()).build());
        this.accessToken = accessToken;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!allowed(req, resp)) {
            return;
        }
        Optional<String> id = clientIdFromPath(req);
        if (id.isPresent()) {
            showEdit(req, resp, id.get(), "");
        } else if (path(req).isEmpty()) {
            showList(req, resp, 200, "");
        } else {
            html.render(req, resp, 404, "Admin", "/admin", "<section class=\"card\"><h1>Not found</h1></section>");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!allowed(req, resp)) {
            return;
        }
        if (!Csrf.valid(req)) {
            showList(req, resp, 403, notice("error", "form-expired", "This form expired; nothing was changed. Please try again."));
            return;
        }
        String path = path(req);
        String project = setup.orElseThrow().projectId();
        MeshAgentApi api = appApi.orElseThrow();
        try {
            if (path.equals("/clients")) {
                CreatedOAuthClient created = api.createOAuthClient(project, spec(req));
                LOG.info("OAuth client {} created by an admin", created.client().clientId());
                showList(req, resp, 200, createdNotice(created));
            } else if (path.endsWith("/delete") && clientIdFromPath(req).isPresent()) {
                String id = clientIdFromPath(req).get();
                if (id.equals(setup.get().appClientId())) {
                    showList(req, resp, 400, notice("error", "own-client",
                            "This app signs in with client " + id + "; deleting it would lock everyone out."));
                    return;
                }
                api.deleteOAuthClient(project, id);
                LOG.info("OAuth client {} deleted by an admin", id);
                showList(req, resp, 200, notice("ok", "deleted", "Deleted OAuth client " + id + "."));
            } else if (clientIdFromPath(req).isPresent()) {
                String id = clientIdFromPath(req).get();
                try {
                    api.updateOAuthClient(project, id, spec(req));
                } catch (IllegalArgumentException e) {
                    showEdit(req, resp, id, notice("error", "invalid", e.getMessage()));
                    return;
                }
                LOG.info("OAuth client {} updated by an admin", id);
                showList(req, resp, 200, notice("ok", "updated", "Saved OAuth client " + id + "."));
            } else {
                html.render(req, resp, 404, "Admin", "/admin", "<section class=\"card\"><h1>Not found</h1></section>");
            }
        } catch (IllegalArgumentException e) {
            showList(req, resp, 400, notice("error", "invalid", e.getMessage()));
        } catch (MeshAgentApiException e) {
            LOG.warn("MeshAgent API call from the admin page failed with HTTP {}", e.status());
            showList(req, resp, 502, notice("error", "api-failed", "MeshAgent refused: " + e.serverMessage()));
        }
    }

    /** Writes the refusal and returns false unless setup is complete and the user is a project admin. */
    private boolean allowed(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (setup.isEmpty()) {
            html.render(req, resp, 503, "Admin", "/admin", "<h1>Admin</h1>" + notice("warn", "admin-not-configured",
                    "Managing OAuth clients needs MESHAGENT_PROJECT_ID and MESHAGENT_API_KEY; set both and restart."));
            return false;
        }
        CallerRole role = accessToken.apply(req).map(this::callerRole).orElse(null);
        if (role == null) {
            html.render(req, resp, 403, "Admin", "/admin", "<h1>Admin</h1>" + notice("error", "not-admin",
                    "MeshAgent did not confirm your role in this project, so the admin page stays closed."));
            return false;
        }
        if (!role.isAdmin()) {
            html.render(req, resp, 403, "Admin", "/admin", "<h1>Admin</h1>" + notice("error", "not-admin",
                    "Only project admins manage OAuth clients. Your role in this project is " + role.role() + "."));
            return false;
        }
        return true;
    }

    /** The user's role in the project, asked with their own access token; {@code null} when MeshAgent refuses. */
    private CallerRole callerRole(String token) {
        try {
            return MeshAgentApi.builder().apiUrl(setup.orElseThrow().apiUrl()).accessToken(() -> token).build()
                    .callerRole(setup.get().projectId());
        } catch (MeshAgentApiException e) {
            LOG.info("caller role lookup failed: HTTP {}", e.status());
            return null;
        }
    }

    private void showList(HttpServletRequest req, HttpServletResponse resp, int status, String banner) throws IOException {
        StringBuilder body = new StringBuilder("<h1>OAuth clients</h1>").append(banner);
        body.append("<section class=\"card table-wrap\"><table id=\"clients\"><thead><tr><th>Name</th><th>Client id</th>")
                .append("<th>Redirect URIs</th><th>Scopes</th><th></th></tr></thead><tbody>");
        List<OAuthClient> clients;
        try {
            clients = appApi.orElseThrow().listOAuthClients(setup.orElseThrow().projectId());
        } catch (MeshAgentApiException e) {
            LOG.warn("listing OAuth clients failed with HTTP {}", e.status());
            clients = List.of();
            body.insert(0, notice("error", "api-failed", "MeshAgent refused to list the clients: " + e.serverMessage()));
        }
        for (OAuthClient c : clients) {
            String id = esc(c.clientId());
            body.append("<tr data-client-id=\"").append(id).append("\"><td>").append(esc(c.name() == null ? "(unnamed)" : c.name()))
                    .append("</td><td><code>").append(id).append("</code></td><td>")
                    .append(esc(String.join(" ", c.redirectUris()))).append("</td><td>").append(esc(c.scope()))
                    .append("</td><td class=\"actions\"><a class=\"button secondary\" href=\"/admin/clients/").append(id)
                    .append("\">Edit</a> ");
            if (c.clientId().equals(setup.orElseThrow().appClientId())) {
                body.append("<span class=\"badge\">this app</span>");
            } else {
                body.append("<form class=\"inline\" method=\"post\" action=\"/admin/clients/").append(id)
                        .append("/delete\">").append(Csrf.hiddenField(req))
                        .append("<button class=\"danger\" type=\"submit\" name=\"delete\">Delete</button></form>");
            }
            body.append("</td></tr>");
        }
        if (clients.isEmpty()) {
            body.append("<tr><td colspan=\"5\" class=\"muted\">No OAuth clients yet.</td></tr>");
        }
        body.append("</tbody></table></section><section class=\"card\"><h2>New OAuth client</h2>")
                .append("<form method=\"post\" action=\"/admin/clients\" id=\"create\">").append(Csrf.hiddenField(req))
                .append(fields("", List.of("authorization_code", "refresh_token"), List.of("code"), List.of(),
                        "openid profile email offline_access"))
                .append("<p><button type=\"submit\" id=\"create-client\">Create client</button></p></form></section>");
        html.render(req, resp, status, "Admin", "/admin", body.toString());
    }

    private void showEdit(HttpServletRequest req, HttpServletResponse resp, String id, String banner) throws IOException {
        OAuthClient client;
        try {
            client = appApi.orElseThrow().getOAuthClient(setup.orElseThrow().projectId(), id);
        } catch (MeshAgentApiException.NotFound e) {
            showList(req, resp, 404, notice("error", "not-found", "There is no OAuth client " + id + "."));
            return;
        } catch (MeshAgentApiException e) {
            showList(req, resp, 502, notice("error", "api-failed", "MeshAgent refused: " + e.serverMessage()));
            return;
        }
        String body = "<h1>Edit OAuth client</h1>" + banner + "<section class=\"card\"><p class=\"muted\">Client id <code>"
                + esc(client.clientId()) + "</code>. The secret cannot be shown again.</p>"
                + "<form method=\"post\" action=\"/admin/clients/" + esc(client.clientId()) + "\" id=\"edit\">"
                + Csrf.hiddenField(req)
                + fields(client.name() == null ? "" : client.name(), client.grantTypes(), client.responseTypes(),
                        client.redirectUris(), client.scope())
                + "<p class=\"row\"><button type=\"submit\" id=\"save-client\">Save</button>"
                + "<a class=\"button secondary\" href=\"/admin\">Cancel</a></p></form></section>";
        html.render(req, resp, 200, "Admin", "/admin", body);
    }

    private static String fields(String name, List<String> grants, List<String> responses, List<String> redirectUris,
            String scope) {
        StringBuilder f = new StringBuilder()
                .append("<label for=\"name\">Name</label><input type=\"text\" id=\"name\" name=\"name\" maxlength=\"100\" value=\"")
                .append(esc(name)).append("\" required>")
                .append("<label for=\"redirect_uris\">Redirect URIs (one per line)</label>")
                .append("<textarea id=\"redirect_uris\" name=\"redirect_uris\">").append(esc(String.join("\n", redirectUris)))
                .append("</textarea><label>Grant types</label>");
        checkboxes(f, "grant_types", GRANT_TYPES, grants);
        f.append("<label>Response types</label>");
        checkboxes(f, "response_types", RESPONSE_TYPES, responses);
        f.append("<label for=\"scope\">Scopes (space-separated)</label><input type=\"text\" id=\"scope\" name=\"scope\" value=\"")
                .append(esc(scope)).append("\">");
        return f.toString();
    }

    private static void checkboxes(StringBuilder f, String field, List<String> options, List<String> checked) {
        f.append("<div class=\"row\">");
        for (String option : options) {
            f.append("<label class=\"plain\"><input type=\"checkbox\" name=\"").append(field).append("\" value=\"")
                    .append(esc(option)).append('"').append(checked.contains(option) ? " checked" : "").append("> ")
                    .append(esc(option)).append("</label>");
        }
        f.append("</div>");
    }

    private static OAuthClientSpec spec(HttpServletRequest req) {
        String name = Optional.ofNullable(req.getParameter("name")).map(String::strip).orElse("");
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("name: give the client a name of 1 to 100 characters");
        }
        List<String> uris = Arrays.stream(Optional.ofNullable(req.getParameter("redirect_uris")).orElse("").split("\\R"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<String> grants = picked(req, "grant_types", GRANT_TYPES);
        List<String> responses = picked(req, "response_types", RESPONSE_TYPES);
        if (grants.isEmpty()) {
            throw new IllegalArgumentException("grant types: pick at least one");
        }
        String scope = Optional.ofNullable(req.getParameter("scope")).map(String::strip).orElse("");
        return new OAuthClientSpec(grants, responses, uris, scope, name, false);
    }

    private static List<String> picked(HttpServletRequest req, String field, List<String> options) {
        String[] values = req.getParameterValues(field);
        return values == null ? List.of() : options.stream().filter(Arrays.asList(values)::contains).toList();
    }

    private static String createdNotice(CreatedOAuthClient created) {
        String secret = created.clientSecret() == null ? ""
                : "<p>Client secret:</p><code class=\"secret\" id=\"created-secret\">" + esc(created.clientSecret())
                        + "</code><p><strong>Store the secret now.</strong> It is shown this once and cannot be "
                        + "retrieved again; if you lose it, delete the client and create a new one.</p>";
        return "<div class=\"notice warn\" id=\"created\"><p>Created OAuth client <code id=\"created-id\">"
                + esc(created.client().clientId()) + "</code>.</p>" + secret + "</div>";
    }

    private static String path(HttpServletRequest req) {
        return req.getPathInfo() == null ? "" : req.getPathInfo();
    }

    /** The id in {@code /clients/{id}} or {@code /clients/{id}/delete}, if well-formed. */
    private static Optional<String> clientIdFromPath(HttpServletRequest req) {
        String[] parts = path(req).split("/");
        if (parts.length >= 3 && parts[1].equals("clients") && CLIENT_ID.matcher(parts[2]).matches()
                && (parts.length == 3 || (parts.length == 4 && parts[3].equals("delete")))) {
            return Optional.of(parts[2]);
        }
        return Optional.empty();
    }
}
