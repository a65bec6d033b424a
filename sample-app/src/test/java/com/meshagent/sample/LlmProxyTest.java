package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmProxyTest {

    private HttpServer server;

    /** A scripted proxy answering every request with {@code status} and {@code body}; requests are recorded. */
    private URI scripted(int status, String body, List<Map<String, String>> recorded) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            recorded.add(Map.of(
                    "uri", exchange.getRequestURI().toString(),
                    "method", exchange.getRequestMethod(),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "project", String.valueOf(exchange.getRequestHeaders().getFirst("Meshagent-Project-Id")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void asksChatCompletionsWithTheTokenOnlyInTheAuthorizationHeaderAndTheProjectHeader() throws IOException {
        List<Map<String, String>> recorded = new ArrayList<>();
        URI api = scripted(200, "{\"model\":\"m1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"42\"}}]}",
                recorded);
        LlmProxy.Reply reply = new LlmProxy(api, "proj-1", "gpt-test").ask("user-access-token", "What \"is\" 6*7?");

        assertEquals(new LlmProxy.Answer("42", "m1"), reply);
        Map<String, String> request = recorded.get(0);
        assertEquals("/openai/v1/chat/completions", request.get("uri"), "nothing in the query string");
        assertEquals("POST", request.get("method"));
        assertEquals("Bearer user-access-token", request.get("authorization"));
        assertEquals("proj-1", request.get("project"));
        assertTrue(request.get("body").contains("\"content\":\"What \\\"is\\\" 6*7?\""), request.get("body"));
        assertFalse(request.get("body").contains("user-access-token"));
    }

    @Test
    void forbiddenBecomesNotAllowedWithTheProxysMessage() {
        LlmProxy.NotAllowed denied = assertInstanceOf(LlmProxy.NotAllowed.class,
                LlmProxy.interpret(403, "{\"error\":{\"message\":\"user lacks can_use_llm_proxy\"}}"));
        assertEquals("user lacks can_use_llm_proxy", denied.detail());
    }

    @Test
    void unauthorizedAsksToSignInAgain() {
        assertInstanceOf(LlmProxy.SignInAgain.class, LlmProxy.interpret(401, ""));
    }

    @Test
    void serverErrorsAndUnreadableAnswersFailWithAShortSafeDetail() {
        LlmProxy.Failed html = assertInstanceOf(LlmProxy.Failed.class, LlmProxy.interpret(502, "<html>bad gateway</html>"));
        assertEquals("The LLM proxy answered HTTP 502: no details given", html.detail());
        assertInstanceOf(LlmProxy.Failed.class, LlmProxy.interpret(200, "not json"));
        assertInstanceOf(LlmProxy.Failed.class, LlmProxy.interpret(200, "{\"choices\":[]}"));
        assertInstanceOf(LlmProxy.Failed.class, LlmProxy.interpret(200, "{\"choices\":[{\"message\":{\"content\":7}}]}"));
        String longMessage = "x".repeat(5000);
        LlmProxy.Failed shortened = assertInstanceOf(LlmProxy.Failed.class,
                LlmProxy.interpret(500, "{\"detail\":\"" + longMessage + "\"}"));
        assertTrue(shortened.detail().length() < 400, "detail is shortened");
    }

    @Test
    void unreachableProxyFailsWithoutThrowing() throws IOException {
        URI api = scripted(200, "{}", new ArrayList<>());
        server.stop(0);
        server = null;
        LlmProxy.Failed failed = assertInstanceOf(LlmProxy.Failed.class, new LlmProxy(api, "p", "m").ask("t", "hi"));
        assertEquals("The LLM proxy could not be reached.", failed.detail());
    }
}
