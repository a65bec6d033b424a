package com.meshagent.devserver;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A local MeshAgent: OAuth server, accounts REST API, participant tokens, room websocket and LLM proxy
 * stand-in, speaking the wire formats of meshagent-protocol.md.
 *
 * <p>SKELETON laid down for the module split; issue #3 fills it in. The public signatures below are the
 * contract the filter's and the sample's tests code against.
 */
public final class DevServer implements AutoCloseable {

    /** What the server bootstrapped (or reloaded): everything a client needs to talk to it. */
    public record Bootstrap(String apiUrl, String projectId, String apiKey, String clientId, String clientSecret,
            String adminEmail) {
        /** {@code KEY=value} lines a shell can export (MESHAGENT_API_URL, ..._PROJECT_ID, ..._API_KEY, ..._CLIENT_ID, ..._CLIENT_SECRET). */
        public List<String> envLines() {
            throw new UnsupportedOperationException("issue #3");
        }

        @Override
        public String toString() {
            return "Bootstrap[apiUrl=" + apiUrl + ", projectId=" + projectId + ", clientId=" + clientId
                    + ", adminEmail=" + adminEmail + ", apiKey=<redacted>, clientSecret=<redacted>]";
        }
    }

    /** Test knobs; every change applies to the next request. */
    public interface Knobs {
        Knobs accessTokenLifetime(Duration lifetime);
        Knobs refreshRotation(boolean rotate);
        /** Delay every token-endpoint response by {@code delay} (ZERO = none). */
        Knobs tokenEndpointDelay(Duration delay);
        /** Answer every token-endpoint request with this HTTP status (0 = behave normally). */
        Knobs tokenEndpointFailure(int httpStatus);
        /** Answer refresh_token grants with {@code invalid_grant}. */
        Knobs forceInvalidGrant(boolean force);
        /** Make /oauth/authorize redirect straight back with {@code error=<code>} (null = off). */
        Knobs authorizeError(String errorCode);
        /** How many requests the token endpoint answered, by grant type ("authorization_code", "refresh_token"). */
        int tokenRequests(String grantType);
        /** Reset every knob and counter. */
        void reset();
    }

    public static final class Builder {
        public Builder port(int port) { throw new UnsupportedOperationException("issue #3"); }
        public Builder dataDir(Path dir) { throw new UnsupportedOperationException("issue #3"); }
        public Builder clock(Clock clock) { throw new UnsupportedOperationException("issue #3"); }
        /** Redirect URIs registered on the bootstrap OAuth client (in addition to none by default). */
        public Builder redirectUris(String... uris) { throw new UnsupportedOperationException("issue #3"); }
        public Builder adminEmail(String email) { throw new UnsupportedOperationException("issue #3"); }
        /** Builds and starts the server. */
        public DevServer start() { throw new UnsupportedOperationException("issue #3"); }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts on {@code port} (0 = a free port) with in-memory state. */
    public static DevServer start(int port) {
        return builder().port(port).start();
    }

    public URI baseUri() { throw new UnsupportedOperationException("issue #3"); }

    public Bootstrap bootstrap() { throw new UnsupportedOperationException("issue #3"); }

    public Knobs knobs() { throw new UnsupportedOperationException("issue #3"); }

    /** Adds (or updates) a project member with the given permissions, e.g. {@code "can_use_llm_proxy"}, {@code "admin"}. */
    public void setMember(String email, Set<String> permissions) { throw new UnsupportedOperationException("issue #3"); }

    public void stop() { throw new UnsupportedOperationException("issue #3"); }

    @Override
    public void close() {
        stop();
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("issue #3");
    }
}
