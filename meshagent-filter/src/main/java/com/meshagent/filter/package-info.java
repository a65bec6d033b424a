/**
 * "Sign in with MeshAgent" for Jakarta Servlet 6 webapps.
 *
 * <p>The public API is small: {@link com.meshagent.filter.MeshAgentFilter} (map it to {@code /*}),
 * {@link com.meshagent.filter.MeshAgentConfig} (one immutable configuration from a validating builder, init-params,
 * system properties or environment variables), {@link com.meshagent.filter.MeshAgentUser} (who is signed in, also
 * {@code request.getUserPrincipal()}) and {@link com.meshagent.filter.MeshAgentRequests} (the user, a fresh access
 * token for server-side calls, sign-in links). Rooms live in {@code com.meshagent.filter.room}.
 *
 * <p>How a request walks: the filter hands it to a framework-neutral engine ({@code internal.flow}) that returns
 * an outcome (redirect, JSON, problem, page, or continue as the signed-in user); one writer turns outcomes into
 * HTTP ({@code internal.servlet}). Provider calls, the only code using Nimbus, are in {@code internal.oauth};
 * the session holds only the small records of {@code internal.session}. Packages named {@code internal} are not
 * API and may change without notice.
 */
package com.meshagent.filter;
