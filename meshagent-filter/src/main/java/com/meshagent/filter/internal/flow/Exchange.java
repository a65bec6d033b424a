package com.meshagent.filter.internal.flow;

import java.util.List;
import java.util.Optional;

/** One HTTP request as the framework-neutral handlers see it. */
public interface Exchange {

    /** The request method, upper case. */
    String method();

    /** The normalized path inside the web application (no context path, no query). */
    String path();

    /** The context path the application is mounted under ("" for the root). */
    String contextPath();

    /** The path and query the client asked for, relative to the context path (for return targets). */
    String requestTarget();

    /** Every value of query parameter {@code name} (empty when absent). */
    List<String> params(String name);

    /** The first value of header {@code name}. */
    Optional<String> header(String name);

    /** The origin ({@code scheme://host[:port]}) the request was addressed to, as the container saw it. */
    String origin();

    SessionView session();

    /** Every value of form parameter {@code name} of a form-encoded POST (empty otherwise). */
    default List<String> formParams(String name) {
        return List.of();
    }

    /** The single value of {@code name}; empty when absent, and empty too when the parameter is repeated. */
    default Optional<String> singleParam(String name) {
        List<String> values = params(name);
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }
}
