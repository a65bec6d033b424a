/**
 * The one outbound HTTP client of the library ({@link com.meshagent.filter.internal.http.BoundedHttpClient}):
 * every call to the provider and to MeshAgent's REST API goes through it, under one set of
 * {@link com.meshagent.filter.HttpLimits}. Not API.
 */
package com.meshagent.filter.internal.http;
