package com.meshagent.devserver.http;

/** One HTTP endpoint: a function from a request to a reply. Throw {@link ApiError} to refuse. */
@FunctionalInterface
public interface Endpoint {
    Reply handle(Call call) throws Exception;
}
