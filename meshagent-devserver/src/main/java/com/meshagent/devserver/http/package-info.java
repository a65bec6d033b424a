/**
 * The devserver's small HTTP layer over Jetty 12 core: a {@link com.meshagent.devserver.http.Router} mapping
 * (method, path template) to {@link com.meshagent.devserver.http.Endpoint} functions that return a
 * {@link com.meshagent.devserver.http.Reply}; request parsing with body caps
 * ({@link com.meshagent.devserver.http.Call}); refusals as {@link com.meshagent.devserver.http.ApiError},
 * written in one place.
 */
package com.meshagent.devserver.http;
