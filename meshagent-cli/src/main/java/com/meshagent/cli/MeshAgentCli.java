package com.meshagent.cli;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.admin.CallerRole;
import com.meshagent.filter.admin.CreatedOAuthClient;
import com.meshagent.filter.admin.ExternalOAuth;
import com.meshagent.filter.admin.MeshAgentApi;
import com.meshagent.filter.admin.MeshAgentApiException;
import com.meshagent.filter.admin.OAuthClient;
import com.meshagent.filter.admin.OAuthClientSpec;
import com.meshagent.filter.room.ApiKey;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line for provisioning, so an admin needs no code; run as
 * {@code java -jar meshagent-cli.jar <command>}:
 *
 * <pre>
 * oauth-clients list
 * oauth-clients get CLIENT_ID
 * oauth-clients create --name NAME --redirect-uri URI... [--scope "a b"] [--grant-type G...]
 * oauth-clients update CLIENT_ID [--name NAME] [--redirect-uri URI...] [--scope "a b"] [--grant-type G...]
 * oauth-clients delete CLIENT_ID
 * external-oauth list [--room R]
 * external-oauth create [--room R] --client-id ID --authorization-endpoint URL --token-endpoint URL [--scope S...] [--no-pkce] [--server-url URL]
 * external-oauth update REGISTRATION_ID [--room R] (same options as create)
 * external-oauth delete REGISTRATION_ID [--room R]
 * role
 * </pre>
 *
 * Environment: {@code MESHAGENT_API_URL} (default {@code https://api.meshagent.com}), {@code MESHAGENT_API_KEY}
 * (required), {@code MESHAGENT_PROJECT_ID} (default: the key's project). An external provider's client secret
 * is read from {@code MESHAGENT_EXTERNAL_CLIENT_SECRET}, never from the command line. A created OAuth
 * client's secret is printed once, as {@code MESHAGENT_CLIENT_SECRET=...}, to standard output.
 *
 * <p>Exit status: 0 done, 1 MeshAgent refused or failed, 2 usage error.
 */
public final class MeshAgentCli {

    private static final Set<String> BOOLEAN_FLAGS = Set.of("--no-pkce");

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    MeshAgentCli(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command in {@code args} with the process environment and exits with its status.
     *
     * @param args the command and its options, as listed in the class documentation
     */
    public static void main(String[] args) {
        System.exit(new MeshAgentCli(System.getenv(), System.out, System.err).run(args));
    }

    /** Runs one command; returns the exit status. */
    int run(String[] args) {
        try {
            Args a = Args.parse(args);
            if (a.has("--help") || !a.positional.isEmpty() && a.positional.get(0).equals("help")) {
                usage();
                return 0;
            }
            if (a.positional.isEmpty()) {
                usage();
                return 2;
            }
            Context ctx = context();
            String group = a.positional.get(0);
            switch (group) {
                case "oauth-clients" -> oauthClients(ctx, a);
                case "external-oauth" -> externalOAuth(ctx, a);
                case "role" -> {
                    CallerRole role = ctx.api.callerRole(ctx.projectId);
                    out.println("role=" + role.role());
                    out.println("permissions=" + String.join(",", role.permissions()));
                }
                default -> throw new UsageException("unknown command: " + group);
            }
            return 0;
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            if (e instanceof UsageException) {
                err.println("run with --help for usage");
            }
            return 2;
        } catch (MeshAgentApiException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private record Context(MeshAgentApi api, String projectId) {}

    private Context context() {
        String key = env.get("MESHAGENT_API_KEY");
        if (key == null || key.isBlank()) {
            throw new UsageException("MESHAGENT_API_KEY is not set");
        }
        ApiKey parsed = ApiKey.parse(key);
        String url = env.getOrDefault("MESHAGENT_API_URL", MeshAgentConfig.DEFAULT_API_URL.toString());
        String project = env.get("MESHAGENT_PROJECT_ID");
        project = project == null || project.isBlank() ? parsed.projectId() : project;
        return new Context(MeshAgentApi.builder().apiUrl(URI.create(url)).apiKey(key).build(), project);
    }

    private void oauthClients(Context ctx, Args a) {
        String op = a.op();
        switch (op) {
            case "list" -> ctx.api.listOAuthClients(ctx.projectId).forEach(this::printClient);
            case "get" -> printClient(ctx.api.getOAuthClient(ctx.projectId, a.id()));
            case "create" -> {
                if (a.one("--name") == null) {
                    throw new UsageException("oauth-clients create needs --name");
                }
                CreatedOAuthClient created = ctx.api.createOAuthClient(ctx.projectId, clientSpec(a, true));
                printClient(created.client());
                out.println("MESHAGENT_CLIENT_ID=" + created.client().clientId());
                if (created.clientSecret() != null) {
                    out.println("MESHAGENT_CLIENT_SECRET=" + created.clientSecret());
                    err.println("The client secret is shown only this once; store it now.");
                }
            }
            case "update" -> {
                String id = a.id();
                ctx.api.updateOAuthClient(ctx.projectId, id, clientSpec(a, false));
                out.println("updated " + id);
            }
            case "delete" -> {
                String id = a.id();
                ctx.api.deleteOAuthClient(ctx.projectId, id);
                out.println("deleted " + id);
            }
            default -> throw new UsageException("unknown oauth-clients operation: " + op);
        }
    }

    private static OAuthClientSpec clientSpec(Args a, boolean create) {
        List<String> grants = a.many("--grant-type");
        List<String> uris = a.many("--redirect-uri");
        if (create && grants.isEmpty()) {
            grants = List.of("authorization_code", "refresh_token");
        }
        return new OAuthClientSpec(grants.isEmpty() ? null : grants, null, uris.isEmpty() ? null : uris,
                a.one("--scope"), a.one("--name"), create ? Boolean.FALSE : null);
    }

    private void externalOAuth(Context ctx, Args a) {
        String op = a.op();
        String room = a.one("--room");
        switch (op) {
            case "list" -> ctx.api.listExternalOAuth(ctx.projectId, room).forEach(r -> out.println(
                    "id=" + r.id() + " client_id=" + r.clientId() + " authorization_endpoint=" + r.authorizationEndpoint()
                            + " token_endpoint=" + r.tokenEndpoint() + " scopes=" + String.join(",", r.scopes())
                            + (r.serverUrl() == null ? "" : " server_url=" + r.serverUrl())));
            case "create" -> out.println("id=" + ctx.api.createExternalOAuth(ctx.projectId, room, externalSpec(a)));
            case "update" -> {
                String id = a.id();
                ctx.api.updateExternalOAuth(ctx.projectId, room, id, externalSpec(a));
                out.println("updated " + id);
            }
            case "delete" -> {
                String id = a.id();
                ctx.api.deleteExternalOAuth(ctx.projectId, room, id);
                out.println("deleted " + id);
            }
            default -> throw new UsageException("unknown external-oauth operation: " + op);
        }
    }

    private ExternalOAuth.Spec externalSpec(Args a) {
        String clientId = a.required("--client-id");
        ExternalOAuth.Provider provider = new ExternalOAuth.Provider(clientId, env.get("MESHAGENT_EXTERNAL_CLIENT_SECRET"),
                a.required("--authorization-endpoint"), a.required("--token-endpoint"), a.has("--no-pkce"),
                a.many("--scope"));
        String serverUrl = a.one("--server-url");
        return new ExternalOAuth.Spec(provider, serverUrl == null ? null : new ExternalOAuth.Connector(null, serverUrl, null),
                null);
    }

    private void printClient(OAuthClient c) {
        out.println("client_id=" + c.clientId() + " name=" + (c.name() == null ? "" : c.name())
                + " grant_types=" + String.join(",", c.grantTypes()) + " redirect_uris=" + String.join(",", c.redirectUris())
                + " scope=\"" + (c.scope() == null ? "" : c.scope()) + "\"");
    }

    private void usage() {
        out.println("""
                usage: java -jar meshagent-cli.jar <command>
                  oauth-clients list
                  oauth-clients get CLIENT_ID
                  oauth-clients create --name NAME --redirect-uri URI [--redirect-uri URI]... [--scope "a b"] [--grant-type G]...
                  oauth-clients update CLIENT_ID [--name NAME] [--redirect-uri URI]... [--scope "a b"] [--grant-type G]...
                  oauth-clients delete CLIENT_ID
                  external-oauth list [--room ROOM]
                  external-oauth create [--room ROOM] --client-id ID --authorization-endpoint URL --token-endpoint URL
                                        [--scope S]... [--no-pkce] [--server-url URL]
                  external-oauth update REGISTRATION_ID [--room ROOM] (options as for create)
                  external-oauth delete REGISTRATION_ID [--room ROOM]
                  role
                environment: MESHAGENT_API_KEY (required), MESHAGENT_API_URL, MESHAGENT_PROJECT_ID,
                             MESHAGENT_EXTERNAL_CLIENT_SECRET (external-oauth create/update)""");
    }

    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Positional words and {@code --option value} pairs (options may repeat). */
    private static final class Args {
        final List<String> positional = new ArrayList<>();
        final Map<String, List<String>> options = new HashMap<>();

        static Args parse(String[] args) {
            Args a = new Args();
            for (int i = 0; i < args.length; i++) {
                String s = args[i];
                if (s.equals("--help") || BOOLEAN_FLAGS.contains(s)) {
                    a.options.computeIfAbsent(s, k -> new ArrayList<>()).add("true");
                } else if (s.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(s + " needs a value");
                    }
                    a.options.computeIfAbsent(s, k -> new ArrayList<>()).add(args[++i]);
                } else {
                    a.positional.add(s);
                }
            }
            return a;
        }

        boolean has(String option) {
            return options.containsKey(option);
        }

        String one(String option) {
            List<String> v = options.get(option);
            if (v != null && v.size() > 1) {
                throw new UsageException(option + " given more than once");
            }
            return v == null ? null : v.get(0);
        }

        String required(String option) {
            String v = one(option);
            if (v == null) {
                throw new UsageException(option + " is required");
            }
            return v;
        }

        List<String> many(String option) {
            return options.getOrDefault(option, List.of());
        }

        String op() {
            if (positional.size() < 2) {
                throw new UsageException(positional.get(0) + " needs an operation");
            }
            return positional.get(1);
        }

        String id() {
            if (positional.size() < 3) {
                throw new UsageException(positional.get(0) + " " + positional.get(1) + " needs an id");
            }
            return positional.get(2);
        }
    }
}
